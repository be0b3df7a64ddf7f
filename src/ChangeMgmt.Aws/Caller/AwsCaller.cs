using System.Diagnostics.CodeAnalysis;
using Amazon.Runtime;
using Amazon.SecurityToken.Model;
using ChangeMgmt.Aws.Credentials;
using ChangeMgmt.Core.Configuration;
using Microsoft.Extensions.Logging;
using RetryPolicy = ChangeMgmt.Core.Resilience.RetryPolicy;

namespace ChangeMgmt.Aws.Caller;

/// <summary>
/// The caller's own identity on AWS from <see cref="AwsCallerOptions"/>: credentials from the object,
/// else the profile, else the SDK's chain; region from the option, else config.json's aws_region, else the
/// fallback, else the profile's, else the SDK's chain; one endpoint for every service when given.
/// </summary>
public static class AwsCaller
{
    /// <summary>As the other overload, for the cmdlets (which never name a Microsoft.Extensions.Logging type).</summary>
    [RequiresUnreferencedCode(ForeignAwsCredentials.ForeignCredentials)]
    public static AwsSettings Settings(ChangeMgmtConfig config, string callerName, AwsCallerOptions options, Core.Diagnostics.CallbackLogs logs) =>
        Settings(config, callerName, options, (ILogger)logs);

    [RequiresUnreferencedCode(ForeignAwsCredentials.ForeignCredentials)]
    public static AwsSettings Settings(ChangeMgmtConfig config, string callerName, AwsCallerOptions options, ILogger log)
    {
        var (credentials, credentialSource, profileRegion) = ResolveCredentials(options);
        var (region, regionSource) = ResolveRegion(config, options, profileRegion);
        var endpoints = options.EndpointUrl is { } url ? AwsEndpoints.Explicit(url) : AwsEndpoints.FromEnvironment;
        log.LogInformation("AWS mode: credentials from {Source}; region {Region} ({RegionSource}){Endpoint}",
            credentialSource, region, regionSource, options.EndpointUrl is { } e ? $"; every service at {e} (-EndpointUrl)" : "");
        return new AwsSettings(region, credentials, endpoints, TimeProvider.System, RetryPolicy.Default) { CallerName = callerName, Log = log };
    }

    /// <summary>"arn:aws:iam::123456789012:user/jane (account 123456789012)" from STS GetCallerIdentity.</summary>
    public static async Task<string> DescribeIdentityAsync(AwsSettings settings, CancellationToken ct)
    {
        using var sts = AssumedCustomerRoles.CreateStsClient(settings, settings.Region);
        var identity = await AwsCalls.RunAsync(settings, null, t => sts.GetCallerIdentityAsync(new GetCallerIdentityRequest(), t), ct).ConfigureAwait(false);
        return $"{identity.Arn} (account {identity.Account})";
    }

    [RequiresUnreferencedCode(ForeignAwsCredentials.ForeignCredentials)]
    private static (AWSCredentials, string, string?) ResolveCredentials(AwsCallerOptions options)
    {
        if (options.Credential is { } given)
        {
            var credentials = CallerCredentials.FromObject(given);
            return (credentials, $"{options.CredentialSource ?? "-Credential"} ({Describe(given)})", null);
        }
        if (options.ProfileName is { Length: > 0 } profile)
        {
            var (credentials, region) = CallerCredentials.FromProfile(profile);
            return (credentials, $"profile '{profile}' ({options.CredentialSource ?? "-ProfileName"})", region);
        }
        var chain = DefaultAwsIdentity.Credentials();
        var named = Environment.GetEnvironmentVariable("AWS_PROFILE") is { Length: > 0 } p ? $", AWS_PROFILE '{p}'" : "";
        return (chain, $"the SDK's default chain ({chain.GetType().Name}{named})", null);
    }

    private static (string, string) ResolveRegion(ChangeMgmtConfig config, AwsCallerOptions options, string? profileRegion) =>
        options.Region is { Length: > 0 } region ? (region, options.RegionSource ?? "-Region")
        : config.AwsRegion is { Length: > 0 } configured ? (configured, "config.json aws_region")
        : options.FallbackRegion is { Length: > 0 } fallback ? (fallback, options.RegionSource ?? "session default")
        : profileRegion is { Length: > 0 } fromProfile ? (fromProfile, "the profile's region")
        : (DefaultAwsIdentity.Region(null), "the SDK's region chain");

    private static string Describe(object credential) => credential is AwsKeys keys ? keys.ToString() : credential.GetType().FullName ?? "credentials";
}

/// <summary>How credentials are named in messages: never the secret, and only the end of the key id.</summary>
public static class AwsCallerDescription
{
    public static string Mask(string accessKeyId) => accessKeyId.Length <= 4 ? "****" : "****" + accessKeyId[^4..];
}
