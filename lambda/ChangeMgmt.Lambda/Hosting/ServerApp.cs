using System.Text.Json;
using System.Text.Json.Serialization;
using ChangeMgmt.Core.Changes;
using ChangeMgmt.Core.Configuration;
using ChangeMgmt.Lambda.Endpoints;

namespace ChangeMgmt.Lambda.Hosting;

/// <summary>Builds the server: the portal's API, POST /events, or both (<see cref="ServerFunction"/>), and in local mode the queue worker.</summary>
public static class ServerApp
{
    /// <summary>Returns null (after saying why on stderr) when the server must not start.</summary>
    /// <param name="host">Adjusts the builder (tests: an in-memory server, organizations); only the alternate contact checks, which follow an organization provider it may add, come after it.</param>
    public static WebApplication? Build(string[] args, Action<WebApplicationBuilder>? host = null) =>
        Build(args, host, localBackendInAwsMode: false);

    /// <summary>
    /// Tests only (not reachable from the command line or the environment): AWS mode — session tokens,
    /// roles, customer scope, no local operator — over the local SQLite backend instead of AWS, where
    /// <c>--function all</c> is allowed.
    /// </summary>
    internal static WebApplication? Build(string[] args, Action<WebApplicationBuilder>? host, bool localBackendInAwsMode)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        OwnEnvironmentOnly(builder.Configuration);
        ServerSettings settings;
        try { settings = ServerSettings.From(builder.Configuration); }
        catch (ArgumentException ex) { return Refuse(ex.Message); }
        if (settings.Mode == ServerMode.Aws && settings.Function == ServerFunction.All && !localBackendInAwsMode)
            return Refuse("In AWS mode the server is one of two functions: --function api (the portal's API, every request signed in) or --function delivery "
                + "(POST /events from the SQS event source, which trusts its caller); 'all' would serve POST /events without sign-in beside the API. "
                + "Set --function or CHANGEMGMT_FUNCTION (the MSP stack sets it for both functions).");
        if (LoopbackGuard.NonLoopback(settings.Urls) is { Count: > 0 } exposed)
            return Refuse($"The server has no sign-in of its own and listens on loopback only (on Lambda the adapter forwards there); refusing {string.Join(", ", exposed)}. Use --urls http://127.0.0.1:PORT.");
        if (settings.ConfigPath is null)
            return Refuse("AWS mode needs the configuration: --config PATH/config.json or CHANGEMGMT_CONFIG (SESConfig.json beside it).");
        LoadedConfig config;
        try { config = ConfigLoader.Load(settings.ConfigPath); }
        catch (ConfigException ex) { return Refuse(ex.Message); }

        SessionAuthSettings? auth = null;
        // Only the API function verifies sessions (the delivery function reads the secret only to sign preference links).
        if (settings.Mode == ServerMode.Aws && settings.ServesApi)
        {
            try { auth = SessionAuthSettings.Resolve(config, Environment.GetEnvironmentVariable); }
            catch (ConfigException ex) { return Refuse(ex.Message); }
        }

        builder.WebHost.UseUrls(settings.Urls);
        ConfigureLogging(builder.Logging, settings.JsonLogs);
        builder.Services.ConfigureHttpJsonOptions(o => ConfigureJson(o.SerializerOptions));
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<ProblemExceptionHandler>();
        // A body that does not bind throws, so ProblemExceptionHandler can name the field it failed on.
        builder.Services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.AddSingleton(settings);
        if (auth is not null) builder.Services.AddSingleton(new SessionVerifier(auth));
        builder.Services.AddPortalCors(config);
        try
        {
#if LOCAL_MODE
            if (settings.Mode == ServerMode.Local || localBackendInAwsMode) builder.Services.AddLocalBackend(config, settings);
            else builder.Services.AddAwsBackend(config, settings);
#else
            if (settings.Mode == ServerMode.Local || localBackendInAwsMode)
                return Refuse("This build is the Lambda package, which has no local mode: run it with --mode aws, or run local mode with dotnet run --project lambda/ChangeMgmt.Lambda.");
            builder.Services.AddAwsBackend(config, settings);
#endif
        }
        catch (Exception ex) when (ex is ConfigException or InvalidOperationException or Amazon.Runtime.AmazonClientException)
        {
            return Refuse(ex.Message);
        }
        // After the backend: locally the token secret lives in the data directory it makes.
        builder.Services.AddChangeMgmtCore(config, CoreServices.TokenKeysFor(config, auth, settings));
        builder.Services.AddSubscriptions(config);
        if (settings.ServesApi) builder.Services.AddCalendarFeeds(config).AddPreferences(config);
        host?.Invoke(builder);
        // After the host's adjustments: the sweep checks alternate contacts wherever an organization provider was registered.
        builder.Services.AddAlternateContacts(config);

        var app = builder.Build();
        app.UseCors(PortalCors.Policy);
        app.UseMiddleware<AuditMiddleware>();
        app.UseExceptionHandler();
        ETagResult.KeepOnProblems(app);
        // Who calls: AWS mode the verified session token (else 401), local mode the loopback operator.
        app.UseMiddleware<CallerMiddleware>();
        app.UseMiddleware<BodyLimitMiddleware>();
        MapRoutes(app, settings);
        app.Logger.LogInformation("ChangeMgmt {Mode} mode, {Function} function: config {Config}, {Customers} customers, worker {Worker}",
            settings.Mode, settings.FunctionName, config.ConfigPath, config.Config.CustomerMappings.Count, settings.Worker ? "on" : "off");
        if (settings.Mode == ServerMode.Local) app.Logger.LogInformation("Local data (SQLite file, outbox/ .eml files): {DataDirectory}", settings.DataDirectory);
        return app;
    }

    /// <summary>/api/health always; the portal's API unless this is the delivery function; POST /events unless it is the API function.</summary>
    private static void MapRoutes(WebApplication app, ServerSettings settings)
    {
        app.MapHealthEndpoint();
        if (settings.ServesApi) MapApi(app, settings);
        if (settings.ServesEvents) app.MapEventsEndpoint();
    }

    /// <summary>The portal's API; in local mode also the portal's files and the outbox.</summary>
    private static void MapApi(WebApplication app, ServerSettings settings)
    {
        if (settings.Mode == ServerMode.Local) app.UsePortalFiles(settings);
        app.MapChangeEndpoints();
        app.MapAnnouncementEndpoints();
        app.MapFreezeEndpoints();
        app.MapCalendarEndpoints();
        app.MapCalendarFeedEndpoints();
        app.MapPreferenceEndpoints();
        app.MapDeliveryEndpoints();
        app.MapPreviewEndpoints();
        app.MapSubscriptionEndpoints();
        app.MapAlternateContactEndpoints();
#if LOCAL_MODE
        if (settings.Mode == ServerMode.Local) app.MapOutboxEndpoints();
#endif
    }

    /// <summary>
    /// The host reads every environment variable as configuration by default, so a user's <c>MODE</c> or
    /// <c>URLS</c> would become <c>--mode</c> or <c>--urls</c>. Only the framework's own prefixed variables
    /// (<c>ASPNETCORE_</c>, <c>DOTNET_</c>) stay, and <c>CHANGEMGMT_</c> ones (<c>CHANGEMGMT_MODE</c> is <c>--mode</c>);
    /// the command line still wins.
    /// </summary>
    private static void OwnEnvironmentOnly(ConfigurationManager configuration)
    {
        var sources = ((IConfigurationBuilder)configuration).Sources;
        var unprefixed = sources.OfType<Microsoft.Extensions.Configuration.EnvironmentVariables.EnvironmentVariablesConfigurationSource>()
            .FirstOrDefault(s => string.IsNullOrEmpty(s.Prefix));
        if (unprefixed is null) return;
        sources[sources.IndexOf(unprefixed)] = new Microsoft.Extensions.Configuration.EnvironmentVariables.EnvironmentVariablesConfigurationSource { Prefix = "CHANGEMGMT_" };
    }

    private static WebApplication? Refuse(string reason)
    {
        Console.Error.WriteLine($"changemgmt: {reason}");
        return null;
    }

    private static void ConfigureLogging(ILoggingBuilder logging, bool json)
    {
        logging.ClearProviders();
        if (json)
        {
            logging.AddJsonConsole(o => o.IncludeScopes = true);
            return;
        }
        logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.IncludeScopes = true;
            o.TimestampFormat = "HH:mm:ss.fff ";
        });
    }

    private static void ConfigureJson(JsonSerializerOptions options)
    {
        options.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        foreach (var converter in ServerJson.EnumConverters) options.Converters.Add(converter);
        // Change bodies: offset-less schedule times read in the change's timezone.
        options.Converters.Add(new ChangeInput());
        ServerJson.UseGeneratedMetadata(options);
    }
}
