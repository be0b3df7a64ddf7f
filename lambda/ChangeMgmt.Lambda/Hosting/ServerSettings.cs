using ChangeMgmt.Core.Delivery;

namespace ChangeMgmt.Lambda.Hosting;

public enum ServerMode { Local, Aws }

/// <summary>
/// Which Lambda function the server is: the portal's API (behind CloudFront), the delivery function (SQS
/// batches from the web adapter to <c>POST /events</c>), or both in one process (local mode, tests).
/// </summary>
public enum ServerFunction { All, Api, Delivery }

/// <summary>
/// What the server was started with: <c>--mode local|aws</c>, <c>--function api|delivery|all</c> (else
/// <c>CHANGEMGMT_FUNCTION</c>; default all), <c>--urls</c>, <c>--data-dir</c>, <c>--config</c> (else
/// <c>CHANGEMGMT_CONFIG</c>), <c>--log-format json|text</c>, <c>--worker on|off</c>,
/// <c>--web-root DIR</c> (local mode: the portal's static files; else found by <see cref="PortalFiles.Find"/>),
/// <c>--claim-lease SECONDS</c> and <c>--visibility-timeout SECONDS</c> (else <c>CHANGEMGMT_CLAIM_LEASE</c>,
/// <c>CHANGEMGMT_VISIBILITY_TIMEOUT</c>; defaults 120 and 300: how long a recipient's claim and a received
/// message are held, shorter in tests that crash the server),
/// <c>--deadline-margin SECONDS</c> (else <c>CHANGEMGMT_DEADLINE_MARGIN_SECONDS</c>; default 15: how long before a Lambda
/// invocation's deadline the delivery function stops claiming recipients, to give back unsent claims, write the
/// continuation and answer).
/// </summary>
public sealed record ServerSettings(
    ServerMode Mode, string Urls, string DataDirectory, string? ConfigPath, bool JsonLogs, bool Worker, string? WebRoot = null,
    ServerFunction Function = ServerFunction.All, DeliveryTimings? Timings = null, TimeSpan? Margin = null)
{
    public static readonly TimeSpan DefaultDeadlineMargin = TimeSpan.FromSeconds(15);

    public TimeSpan DeadlineMargin => Margin ?? DefaultDeadlineMargin;

    public const string DefaultUrls = "http://127.0.0.1:5080";

    /// <summary>Whether the process runs as a Lambda function (AWS mode and JSON logs by default).</summary>
    public static bool RunsOnLambda => Environment.GetEnvironmentVariable("AWS_LAMBDA_FUNCTION_NAME") is not null;

    /// <summary>The portal's API (and locally its files, the outbox, the trigger retries): every function but delivery.</summary>
    public bool ServesApi => Function != ServerFunction.Delivery;

    /// <summary><c>POST /events</c>, which trusts its caller (Lambda's SQS event source): every function but the API.</summary>
    public bool ServesEvents => Function != ServerFunction.Api;

    /// <summary>"local" or "aws", as /api/health names it.</summary>
    public string ModeName => Mode.ToString().ToLowerInvariant();

    /// <summary>"all", "api" or "delivery", as the setting and /api/health name it.</summary>
    public string FunctionName => Function.ToString().ToLowerInvariant();

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
            WebRoot: configuration["web-root"] is { } webRoot ? Path.GetFullPath(webRoot) : null,
            Function: ParseFunction(configuration["function"] ?? Environment.GetEnvironmentVariable("CHANGEMGMT_FUNCTION") ?? "all"),
            Timings: new DeliveryTimings
            {
                ClaimLease = Seconds(configuration, "claim-lease", "CHANGEMGMT_CLAIM_LEASE", DeliveryOptions.DefaultClaimLease),
                VisibilityTimeout = Seconds(configuration, "visibility-timeout", "CHANGEMGMT_VISIBILITY_TIMEOUT", QueueWorker.DefaultVisibilityTimeout),
            },
            Margin: ParseMargin(configuration["deadline-margin"] ?? Environment.GetEnvironmentVariable("CHANGEMGMT_DEADLINE_MARGIN_SECONDS")));
    }

    private static TimeSpan Seconds(IConfiguration configuration, string option, string variable, TimeSpan fallback) =>
        (configuration[option] ?? Environment.GetEnvironmentVariable(variable)) is not { } value ? fallback
        : int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seconds) && seconds >= 1
            ? TimeSpan.FromSeconds(seconds)
            : throw new ArgumentException($"--{option} ({variable}) '{value}' is not a whole number of seconds of at least 1.");

    private static TimeSpan? ParseMargin(string? value) =>
        value is null ? null
        : double.TryParse(value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var seconds) && seconds >= 1 && seconds <= 600
            ? TimeSpan.FromSeconds(seconds)
            : throw new ArgumentException($"--deadline-margin (CHANGEMGMT_DEADLINE_MARGIN_SECONDS) '{value}' is not a number of seconds from 1 to 600.");

    private static ServerFunction ParseFunction(string value) => value.ToLowerInvariant() switch
    {
        "all" => ServerFunction.All,
        "api" => ServerFunction.Api,
        "delivery" => ServerFunction.Delivery,
        var other => throw new ArgumentException($"--function (CHANGEMGMT_FUNCTION) '{other}' is not api, delivery or all."),
    };
}
