using System.Net;
using ChangeMgmt.Aws.Storage;
using ChangeMgmt.Aws.Tests.Credentials;
using ChangeMgmt.Core.Errors;
using ChangeMgmt.Core.Ports;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace ChangeMgmt.Aws.Tests.Storage;

/// <summary>S3 answers moto does not give: 409 ConditionalRequestConflict, throttling, access denied.</summary>
public sealed class S3ErrorStubTests : IDisposable
{
    private readonly WireMockServer _s3 = WireMockServer.Start();

    private S3ObjectStore Store() => new(MotoSettings.For(MotoSettings.At(_s3.Url!)), "changemgmt-stub");

    [Fact]
    public async Task A_conditional_request_conflict_is_a_concurrency_conflict_naming_the_key()
    {
        Stub(HttpStatusCode.Conflict, "ConditionalRequestConflict", "A conflicting conditional operation is in progress.");
        using var store = Store();

        var conflict = await Assert.ThrowsAsync<ConcurrencyConflictException>(
            () => store.PutAsync("archive/CHG-1.json", "{}"u8.ToArray(), WriteCondition.MustMatch("\"abc\""), default));

        Assert.Contains("archive/CHG-1.json", conflict.Message, StringComparison.Ordinal);
        var sent = Assert.Single(_s3.LogEntries).RequestMessage!;
        Assert.Equal("/changemgmt-stub/archive/CHG-1.json", sent.Path);
        Assert.Equal("\"abc\"", sent.Headers!["If-Match"].Single());
    }

    [Fact]
    public async Task If_none_match_sends_a_star()
    {
        Stub(HttpStatusCode.PreconditionFailed, "PreconditionFailed", "At least one of the preconditions you specified did not hold.");
        using var store = Store();

        await Assert.ThrowsAsync<ConcurrencyConflictException>(
            () => store.PutAsync("archive/CHG-2.json", "{}"u8.ToArray(), WriteCondition.MustNotExist, default));

        Assert.Equal("*", Assert.Single(_s3.LogEntries).RequestMessage!.Headers!["If-None-Match"].Single());
    }

    [Fact]
    public async Task Access_denied_is_typed_carries_customer_and_request_id_and_is_not_retried()
    {
        Stub(HttpStatusCode.Forbidden, "AccessDenied", "Access Denied");
        using var store = Store();

        var error = await Assert.ThrowsAsync<ServiceException>(() => store.GetAsync("customers/acme/CHG-3.json", default));

        Assert.Equal(ServiceErrorKind.AccessDenied, error.Kind);
        Assert.Equal("AccessDenied", error.ErrorCode);
        Assert.Equal("acme", error.CustomerCode);
        Assert.Equal("stub-request-id", error.RequestId);
        Assert.Contains("acme", error.Message, StringComparison.Ordinal);
        Assert.Single(_s3.LogEntries);
    }

    [Fact]
    public async Task Throttling_is_retried_and_then_reported_as_retryable()
    {
        Stub(HttpStatusCode.ServiceUnavailable, "SlowDown", "Please reduce your request rate.");
        using var store = Store();

        var error = await Assert.ThrowsAsync<ServiceException>(() => store.ListKeysAsync("archive/", null, default));

        Assert.Equal(ServiceErrorKind.Throttled, error.Kind);
        Assert.True(error.IsRetryable);
        Assert.True(_s3.LogEntries.Count() > 1);
    }

    private void Stub(HttpStatusCode status, string code, string message) =>
        _s3.Given(Request.Create().UsingAnyMethod())
            .RespondWith(Response.Create()
                .WithStatusCode(status)
                .WithHeader("Content-Type", "application/xml")
                .WithHeader("x-amz-request-id", "stub-request-id")
                .WithBody($"<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>{code}</Code><Message>{message}</Message><RequestId>stub-request-id</RequestId></Error>"));

    public void Dispose() => _s3.Stop();
}
