namespace ChangeMgmt.Lambda.Hosting;

/// <summary>What the server was started with: <c>--urls</c>, <c>--data-dir</c>, <c>--config</c>, <c>--log-format json|text</c>.</summary>
public sealed record ServerSettings(string Urls, string DataDirectory, string ConfigPath, bool JsonLogs)
{
    public const string DefaultUrls = "http://127.0.0.1:5080";

    public static ServerSettings From(IConfiguration configuration) => new(
        configuration["urls"] ?? DefaultUrls,
        Path.GetFullPath(configuration["data-dir"] ?? Path.Combine(Environment.CurrentDirectory, ".data")),
        Path.GetFullPath(configuration["config"] ?? Path.Combine(AppContext.BaseDirectory, "examples", "config.json")),
        JsonLogs: (configuration["log-format"] ?? (RunsOnLambda ? "json" : "text")) == "json");

    /// <summary>On Lambda, CloudWatch wants one JSON object per line; people at a terminal want readable lines.</summary>
    private static bool RunsOnLambda => Environment.GetEnvironmentVariable("AWS_LAMBDA_FUNCTION_NAME") is not null;
}
