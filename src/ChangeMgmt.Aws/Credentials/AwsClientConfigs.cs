using Amazon;
using Amazon.Runtime;

namespace ChangeMgmt.Aws.Credentials;

/// <summary>
/// Points an SDK client at the endpoint <see cref="AwsEndpoints"/> chooses for a service in a region, with the SDK's own
/// retries off: every call through these clients is retried once, by <see cref="AwsRetry"/> (via AwsCalls), under the
/// caller's <see cref="AwsSettings.Retry"/> policy. A client whose calls do not go through it sets its retries itself.
/// </summary>
public static class AwsClientConfigs
{
    /// <summary>
    /// With an override (moto, a VPC endpoint) the client calls it and signs for <paramref name="region"/>;
    /// without one it uses the service's regional endpoint, as <see cref="AwsEndpoints.For"/> names it,
    /// resolved by the SDK so that other partitions keep working.
    /// </summary>
    public static T For<T>(T config, AwsSettings settings, AwsService service, string region) where T : ClientConfig
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(region);
        config.MaxErrorRetry = 0;
        if (settings.Endpoints.Override(service) is { } endpoint)
        {
            config.ServiceURL = endpoint.ToString();
            config.AuthenticationRegion = region;
        }
        else
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(region);
        }
        return config;
    }
}
