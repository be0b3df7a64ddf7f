using Amazon.Runtime;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using RetryPolicy = ChangeMgmt.Core.Resilience.RetryPolicy;

namespace ChangeMgmt.Aws;

/// <summary>What every AWS adapter needs: where to call, as whom, and how to retry.</summary>
public sealed record AwsSettings(
    string Region,
    AWSCredentials Credentials,
    AwsEndpoints Endpoints,
    TimeProvider Time,
    RetryPolicy Retry)
{
    /// <summary>Names this caller in AssumeRole session names and logs (e.g. "changemgmt-delivery").</summary>
    public string CallerName { get; init; } = "changemgmt";

    /// <summary>Where each AWS call (operation, status, time) and each assumed role is told: debug and information.</summary>
    public ILogger Log { get; init; } = NullLogger.Instance;
}
