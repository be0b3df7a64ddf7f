using ChangeMgmt.Aws.Storage;
using ChangeMgmt.Aws.Tests.Identity;
using ChangeMgmt.Core.Errors;
using ChangeMgmt.Core.Ports;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using RetryPolicy = ChangeMgmt.Core.Resilience.RetryPolicy;

namespace ChangeMgmt.Aws.Tests.Storage;

/// <summary>
/// One retry layer per call path: a call that S3 keeps throttling (503 SlowDown, which moto cannot answer) is sent
/// exactly as many times as the caller's policy allows — the SDK's own retries are off under <see cref="AwsRetry"/>.
/// </summary>
public sealed class ThrottledCallTests : IDisposable
{
    private readonly WireMockServer server = WireMockServer.Start();

    public ThrottledCallTests() =>
        server.Given(Request.Create().UsingAnyMethod())
            .RespondWith(Response.Create().WithStatusCode(503).WithHeader("Content-Type", "application/xml")
                .WithBody("<Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message><RequestId>R1</RequestId></Error>"));

    public void Dispose() => server.Stop();

    [Fact]
    public async Task A_throttled_write_from_the_API_is_sent_three_times_then_answers_throttled()
    {
        var error = await Assert.ThrowsAnyAsync<ServiceException>(() => PutAsync(RetryPolicy.Interactive));

        Assert.Equal(ServiceErrorKind.Throttled, error.Kind);
        Assert.Equal(3, server.LogEntries.Count());
        Assert.True(RetryPolicy.Interactive.MaxTotalDelay <= TimeSpan.FromMilliseconds(150), $"{RetryPolicy.Interactive.MaxTotalDelay}");
    }

    [Fact]
    public async Task Background_work_sends_it_as_many_times_as_its_policy_says_and_no_more()
    {
        await Assert.ThrowsAnyAsync<ServiceException>(() => PutAsync(RetryPolicy.Default with { BaseDelay = TimeSpan.FromMilliseconds(1), MaxDelay = TimeSpan.FromMilliseconds(2) }));

        Assert.Equal(RetryPolicy.Default.MaxAttempts, server.LogEntries.Count());
    }

    private async Task PutAsync(RetryPolicy retry)
    {
        var settings = IdentityTestSupport.Settings(IdentityTestSupport.At(server.Url!)) with { Retry = retry };
        using var store = new S3ObjectStore(settings, "changemgmt-throttled");
        await store.PutAsync("archive/CHG-20261206-AAAAAA.json", "{}"u8.ToArray(), WriteCondition.None, CancellationToken.None);
    }
}
