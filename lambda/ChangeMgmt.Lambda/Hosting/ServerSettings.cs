namespace ChangeMgmt.Lambda.Hosting;

public enum ServerMode { Local, Aws }

/// <summary>
/// What the server was started with: <c>--mode local|aws</c>, <c>--urls</c>, <c>--data-dir</c>,
/// <c>--config</c> (else <c>CHANGEMGMT_CONFIG</c>), <c>--log-format json|text</c>, <c>--worker on|off</c>,
/// <c>--web-root DIR</c> (local mode: the portal's static files; else found by <see cref="PortalFiles.Find"/>).
/// </summary>
public sealed record ServerSettings(ServerMode Mode, string Urls, string DataDirectory, string? ConfigPath, bool JsonLogs, bool Worker, string? WebRoot = null)
{
    public const string DefaultUrls = "http://127.0.0.1:5080";

    /// <summary>Whether the process runs as a Lambda function (AWS mode and JSON logs by default).</summary>
    public static bool RunsOnLambda => Environment.GetEnvironmentVariable("AWS_LAMBDA_FUNCTION_NAME") is not null;

    public static ServerSettings From(IConfiguration configuration)
    {
        var mode = (configuration["mode"] ?? Environment.GetEnvironmentVariable("CHANGEMGMT_MODE") ?? (RunsOnLambda ? "aws" : "local")).ToLowerInvariant() switch
        {
            "aws" => ServerMode.Aws,
            "local" => ServerMode.Local,
            var other => throw new ArgumentException($"--mode '{other}' is not local or aws."),
        };
        var config = configuration["config"] ?? Environment.GetEnvironmentVariable("CHANGEMGMT_CONFIG")
            ?? (mode == ServerMode.Local ? Path.Combine(AppContext.BaseDirectory, "examples", "config.json") : null);
        return new(
            mode,
            configuration["urls"] ?? DefaultUrls,
            Path.GetFullPath(configuration["data-dir"] ?? Path.Combine(Environment.CurrentDirectory, ".data")),
            config is null ? null : Path.GetFullPath(config),
            JsonLogs: (configuration["log-format"] ?? (RunsOnLambda ? "json" : "text")) == "json",
            // Locally the worker drains the queues; on Lambda the SQS event source calls POST /events.
            Worker: (configuration["worker"] ?? (mode == ServerMode.Local ? "on" : "off")) == "on",
            WebRoot: configuration["web-root"] is { } webRoot ? Path.GetFullPath(webRoot) : null);
    }
}
