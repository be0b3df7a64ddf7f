using Amazon.Runtime;
using ChangeMgmt.Aws.Tests.Support;
using RetryPolicy = ChangeMgmt.Core.Resilience.RetryPolicy;

namespace ChangeMgmt.Aws.Tests.Credentials;

/// <summary>The caller's settings against moto (or a stub): test credentials, us-east-1, quick retries.</summary>
internal static class MotoSettings
{
    public const string Region = "us-east-1";

    public static AwsSettings For(MotoServer moto, TimeProvider? time = null) => For(moto.Endpoints, time);

    public static AwsSettings For(AwsEndpoints endpoints, TimeProvider? time = null) =>
        new(Region, new BasicAWSCredentials("test", "test"), endpoints, time ?? TimeProvider.System,
            new RetryPolicy(3, TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(200)))
        {
            CallerName = "changemgmt-test",
        };

    public static AwsEndpoints At(string url) => new(name => name == "AWS_ENDPOINT_URL" ? url.TrimEnd('/') : null);
}

/// <summary>A clock the test moves by hand.</summary>
internal sealed class ManualTime(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Set(DateTimeOffset now) => _now = now;
}
