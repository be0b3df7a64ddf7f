namespace ChangeMgmt.Aws.Caller;

/// <summary>
/// Who a caller (a cmdlet) acts as on AWS and where, as AWS.Tools takes it: explicit credentials,
/// a named profile, a region and an endpoint; what is null falls back to config.json and the SDK's chains.
/// Each choice carries the words that say where it came from ("-ProfileName", "$StoredAWSRegion"), for -Verbose.
/// </summary>
public sealed record AwsCallerOptions
{
    /// <summary>An AWSCredentials object from any copy of AWSSDK.Core (what AWS.Tools' Get-AWSCredential returns), its AWSPSCredentials wrapper, or <see cref="AwsKeys"/>.</summary>
    public object? Credential { get; init; }

    public string? ProfileName { get; init; }

    /// <summary>Where <see cref="Credential"/> or <see cref="ProfileName"/> came from.</summary>
    public string? CredentialSource { get; init; }

    /// <summary>A region that wins over config.json's aws_region.</summary>
    public string? Region { get; init; }

    /// <summary>A region used only when config.json has no aws_region (AWS.Tools' session default).</summary>
    public string? FallbackRegion { get; init; }

    public string? RegionSource { get; init; }

    /// <summary>One endpoint for every service (as AWS_ENDPOINT_URL), e.g. a VPC endpoint or a test peer.</summary>
    public Uri? EndpointUrl { get; init; }
}

/// <summary>An access key (and session token for temporary credentials), e.g. from a PSCredential.</summary>
public sealed record AwsKeys(string AccessKeyId, string SecretAccessKey, string? SessionToken = null)
{
    public override string ToString() => $"access key {AwsCallerDescription.Mask(AccessKeyId)}";
}
