using Amazon.Runtime;
using RetryPolicy = ChangeMgmt.Core.Delivery.RetryPolicy;

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
}
