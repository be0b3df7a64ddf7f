using System.Management.Automation;
using ChangeMgmt.Aws.Caller;

namespace ChangeMgmt.Cmdlets;

/// <summary>
/// The caller's AWS identity as AWS.Tools resolves it: the cmdlet's -Credential/-ProfileName/-Region/-EndpointUrl,
/// else Set-ChangeMgmtDefault's, else AWS.Tools' session defaults ($StoredAWSCredentials from Set-AWSCredential,
/// $StoredAWSRegion from Set-DefaultAWSRegion), else config.json and the SDK's chains.
/// </summary>
internal static class AwsCallerChoice
{
    /// <summary>-Region's validation: an AWS region name (us-east-1, eu-central-2).</summary>
    public const string RegionPattern = @"^[a-z]{2}(-[a-z]+)+-\d+$";

    /// <summary>-EndpointUrl's validation: an http(s) URL.</summary>
    public const string EndpointPattern = "^https?://";

    public const string StoredCredentialsVariable = "StoredAWSCredentials";
    public const string StoredRegionVariable = "StoredAWSRegion";

    public static AwsCallerOptions Resolve(BackendCmdletBase cmdlet, Func<string, object?> variable)
    {
        var defaults = Unwrap(variable(ChangeMgmtDefault.VariableName)) as ChangeMgmtDefault;
        var stored = Unwrap(variable(StoredCredentialsVariable));
        var storedRegion = Unwrap(variable(StoredRegionVariable))?.ToString();
        var (credential, profile, credentialSource) =
            cmdlet.Credential is not null ? (Credential(cmdlet.Credential), null, "-Credential")
            : cmdlet.ProfileName is not null ? (null, cmdlet.ProfileName, "-ProfileName")
            : defaults?.Credential is not null ? (Credential(defaults.Credential), null, "Set-ChangeMgmtDefault -Credential")
            : defaults?.ProfileName is not null ? (null, defaults.ProfileName, "Set-ChangeMgmtDefault -ProfileName")
            : stored is not null ? (stored, null, "$StoredAWSCredentials (Set-AWSCredential)")
            : ((object?)null, (string?)null, (string?)null);
        var (region, regionSource) =
            cmdlet.Region is not null ? (cmdlet.Region, "-Region")
            : defaults?.Region is not null ? (defaults.Region, "Set-ChangeMgmtDefault -Region")
            : (null, storedRegion is null ? null : "$StoredAWSRegion (Set-DefaultAWSRegion)");
        var endpoint = cmdlet.EndpointUrl ?? defaults?.EndpointUrl;
        return new AwsCallerOptions
        {
            Credential = credential,
            ProfileName = profile,
            CredentialSource = credentialSource,
            Region = region,
            FallbackRegion = region is null ? storedRegion : null,
            RegionSource = regionSource,
            EndpointUrl = endpoint is null ? null : new Uri(endpoint, UriKind.Absolute),
        };
    }

    /// <summary>A PSCredential is an access key id (user name) and secret access key (password); other objects are duck typed later.</summary>
    public static object Credential(object value) => Unwrap(value) switch
    {
        PSCredential credential => new AwsKeys(credential.UserName, credential.GetNetworkCredential().Password),
        { } other => other,
        null => throw new ArgumentNullException(nameof(value)),
    };

    private static object? Unwrap(object? value) => value is PSObject pso ? pso.BaseObject : value;
}
