using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChangeMgmt.Lambda.Hosting;
using ChangeMgmt.Server.Tests;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChangeMgmt.Api.Tests;

/// <summary>
/// The server in process (the real application, local mode, a temporary data directory with its
/// SQLite file), answering through an in-memory test server. Web root: a small portal written here.
/// </summary>
public sealed class ApiHost : IAsyncDisposable
{
    private readonly WebApplication app;

    private ApiHost(WebApplication app, string root)
    {
        this.app = app;
        Root = root;
        Http = app.GetTestClient();
    }

    public string Root { get; }
    public HttpClient Http { get; }
    public IServiceProvider Services => app.Services;
    public string WebRoot => Path.Combine(Root, "web");

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    public static async Task<ApiHost> StartAsync(bool worker = false) =>
        await TryStartAsync(worker) ?? throw new InvalidOperationException("The server refused to start.");

    /// <summary>
    /// As <see cref="StartAsync(bool)"/>; with <paramref name="auth"/> (config.json's <c>auth</c> section) the
    /// server runs in AWS mode — session tokens, roles, customer scope — over the local SQLite backend
    /// (ServerApp's test-only hook). Null when the server refuses to start.
    /// </summary>
    /// <param name="editConfig">Changes the examples' config.json before the server reads it.</param>
    /// <param name="services">Adds services before the server's own last ones (e.g. an organization provider).</param>
    public static async Task<ApiHost?> TryStartAsync(bool worker = false, JsonObject? auth = null, ILoggerProvider? logs = null, string[]? extraArgs = null,
        Action<JsonObject>? editConfig = null, Action<IServiceCollection>? services = null)
    {
        var root = Directory.CreateTempSubdirectory("changemgmt-api-").FullName;
        var config = Path.Combine(root, "config");
        Directory.CreateDirectory(config);
        foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "examples"), "*.json"))
            File.Copy(file, Path.Combine(config, Path.GetFileName(file)));
        if (auth is not null || editConfig is not null)
        {
            var json = JsonNode.Parse(File.ReadAllText(Path.Combine(config, "config.json")))!.AsObject();
            if (auth is not null) json["auth"] = auth;
            editConfig?.Invoke(json);
            File.WriteAllText(Path.Combine(config, "config.json"), json.ToJsonString());
        }
        WritePortal(Path.Combine(root, "web"));
        string[] args =
        [
            "--data-dir", Path.Combine(root, "data"), "--config", Path.Combine(config, "config.json"),
            "--worker", worker ? "on" : "off", "--web-root", Path.Combine(root, "web"), "--log-format", "text",
            .. auth is null ? Array.Empty<string>() : ["--mode", "aws"], .. extraArgs ?? [],
        ];
        var app = ServerApp.Build(args, builder =>
        {
            builder.WebHost.UseTestServer();
            if (logs is not null) builder.Logging.AddProvider(logs);
            services?.Invoke(builder.Services);
        }, localBackendInAwsMode: auth is not null);
        if (app is null)
        {
            Directory.Delete(root, recursive: true);
            return null;
        }
        await app.StartAsync();
        return new ApiHost(app, root);
    }

    private static void WritePortal(string web)
    {
        Directory.CreateDirectory(Path.Combine(web, "api"));
        File.WriteAllText(Path.Combine(web, "index.html"), "<!doctype html><title>ChangeMgmt</title>");
        File.WriteAllText(Path.Combine(web, "app.js"), "export const ready = true;");
        File.WriteAllText(Path.Combine(web, "app.css"), "body { margin: 0; }");
        File.WriteAllText(Path.Combine(web, "logo.svg"), "<svg xmlns=\"http://www.w3.org/2000/svg\"/>");
        File.WriteAllText(Path.Combine(web, "api", "health"), "a static file the API route must win over");
    }

    public async Task<JsonNode> GetJsonAsync(string path, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await Http.GetAsync(path);
        return await ReadAsync(response, expected);
    }

    public async Task<JsonNode> PostJsonAsync(string path, object? body, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await Http.PostAsJsonAsync(path, body);
        return await ReadAsync(response, expected);
    }

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, object? body = null, params (string Name, string Value)[] headers)
    {
        var request = new HttpRequestMessage(method, path);
        if (body is not null) request.Content = JsonContent.Create(body);
        foreach (var (name, value) in headers) request.Headers.TryAddWithoutValidation(name, value);
        return await Http.SendAsync(request);
    }

    /// <summary>Creates a draft from <paramref name="body"/> and returns its id.</summary>
    public async Task<string> CreateAsync(JsonObject body) =>
        (string)(await PostJsonAsync("/api/changes", body, HttpStatusCode.Created))["changeId"]!;

    public static Task<JsonNode> ReadAsync(HttpResponseMessage response, HttpStatusCode expected) =>
        HttpChecks.ReadAsync(response, expected);

    public static Task<T> EventuallyAsync<T>(Func<Task<T>> read, Func<T, bool> done, string what) =>
        HttpChecks.EventuallyAsync(read, done, what);

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await app.StopAsync();
        await app.DisposeAsync();
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

/// <summary>One in-process server per test class (each test makes its own changes).</summary>
public class ApiFixture : IAsyncLifetime
{
    protected virtual bool Worker => false;

    public ApiHost Host { get; private set; } = null!;

    public async Task InitializeAsync() => Host = await ApiHost.StartAsync(Worker);

    public async Task DisposeAsync() => await Host.DisposeAsync();
}

/// <summary>As <see cref="ApiFixture"/>, with the local queue worker delivering in the background.</summary>
public sealed class WorkerApiFixture : ApiFixture
{
    protected override bool Worker => true;
}
