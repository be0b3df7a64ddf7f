using Amazon.Runtime;
using Amazon.Runtime.Credentials;
using ChangeMgmt.Core.Configuration;
using RetryPolicy = ChangeMgmt.Core.Resilience.RetryPolicy;

namespace ChangeMgmt.Aws.Credentials;

/// <summary>The server's own identity on AWS: the SDK's default credential chain and region.</summary>
public static class DefaultAwsIdentity
{
    /// <summary>Environment, profile, web identity, container or instance credentials, as the SDK finds them; throws when there are none.</summary>
    public static AWSCredentials Credentials() => new DefaultAWSCredentialsIdentityResolver().ResolveIdentity(null);

    /// <summary>config.json's <c>aws_region</c> when set, else the SDK's region chain (AWS_REGION, profile, instance metadata).</summary>
    public static string Region(string? configuredRegion) =>
        !string.IsNullOrWhiteSpace(configuredRegion) ? configuredRegion
        : FallbackRegionFactory.GetRegionEndpoint()?.SystemName
          ?? throw new InvalidOperationException("No AWS region: set aws_region in config.json or AWS_REGION in the environment.");

    /// <summary>Settings on AWS: default credentials and region, endpoints from the environment; background retries unless given.</summary>
    public static AwsSettings Settings(ChangeMgmtConfig config, string callerName, TimeProvider? time = null, RetryPolicy? retry = null) =>
        new(Region(config.AwsRegion), Credentials(), AwsEndpoints.FromEnvironment, time ?? TimeProvider.System, retry ?? RetryPolicy.Default)
        {
            CallerName = callerName,
        };
}
