using ChangeMgmt.Lambda.Hosting;

var app = ServerApp.Build(args);
if (app is null) return 2;
await app.RunAsync();
return 0;
