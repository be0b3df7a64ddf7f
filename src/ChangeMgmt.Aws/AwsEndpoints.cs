namespace ChangeMgmt.Aws;

/// <summary>The services ChangeMgmt calls, with the suffix the AWS SDKs use for their endpoint variable.</summary>
public enum AwsService { S3, Sqs, Sts, SesV2, IdentityStore, SsoAdmin, DynamoDb, Route53, Organizations, Account }

/// <summary>
/// Endpoint overrides exactly as the AWS SDKs read them: <c>AWS_ENDPOINT_URL_&lt;SERVICE&gt;</c>, else
/// <c>AWS_ENDPOINT_URL</c>, both ignored when <c>AWS_IGNORE_CONFIGURED_ENDPOINT_URLS</c> is true.
/// </summary>
public sealed class AwsEndpoints(Func<string, string?> environment)
{
    public static readonly AwsEndpoints FromEnvironment = new(Environment.GetEnvironmentVariable);

    /// <summary>One endpoint for every service (as AWS_ENDPOINT_URL alone would be), whatever the environment says.</summary>
    public static AwsEndpoints Explicit(Uri endpoint) => new(name => name == "AWS_ENDPOINT_URL" ? endpoint.ToString() : null);

    public static string VariableSuffix(AwsService service) => service switch
    {
        AwsService.S3 => "S3",
        AwsService.Sqs => "SQS",
        AwsService.Sts => "STS",
        AwsService.SesV2 => "SESV2",
        AwsService.IdentityStore => "IDENTITYSTORE",
        AwsService.SsoAdmin => "SSO_ADMIN",
        AwsService.DynamoDb => "DYNAMODB",
        AwsService.Route53 => "ROUTE_53",
        AwsService.Organizations => "ORGANIZATIONS",
        AwsService.Account => "ACCOUNT",
        _ => throw new ArgumentOutOfRangeException(nameof(service)),
    };

    /// <summary>The overriding endpoint for the service, or null to use the service's regional endpoint.</summary>
    public Uri? Override(AwsService service)
    {
        if (string.Equals(environment("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"), "true", StringComparison.OrdinalIgnoreCase))
            return null;
        var value = environment($"AWS_ENDPOINT_URL_{VariableSuffix(service)}") is { Length: > 0 } specific ? specific : environment("AWS_ENDPOINT_URL");
        if (string.IsNullOrWhiteSpace(value)) return null;
        return Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? uri
            : throw new InvalidOperationException($"The endpoint override for {service} ('{value}') is not an absolute http(s) URL.");
    }

    /// <summary>The endpoint to call: the override, else the service's regional endpoint.</summary>
    public Uri For(AwsService service, string region) => Override(service) ?? new Uri(service switch
    {
        AwsService.S3 => $"https://s3.{region}.amazonaws.com",
        AwsService.Sqs => $"https://sqs.{region}.amazonaws.com",
        AwsService.Sts => $"https://sts.{region}.amazonaws.com",
        AwsService.SesV2 => $"https://email.{region}.amazonaws.com",
        AwsService.IdentityStore => $"https://identitystore.{region}.amazonaws.com",
        AwsService.SsoAdmin => $"https://sso.{region}.amazonaws.com",
        AwsService.DynamoDb => $"https://dynamodb.{region}.amazonaws.com",
        AwsService.Route53 => "https://route53.amazonaws.com",
        // Both global services: one endpoint, signed for us-east-1.
        AwsService.Organizations => "https://organizations.us-east-1.amazonaws.com",
        AwsService.Account => "https://account.us-east-1.amazonaws.com",
        _ => throw new ArgumentOutOfRangeException(nameof(service)),
    });
}
