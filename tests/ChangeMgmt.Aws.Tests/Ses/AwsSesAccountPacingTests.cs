using ChangeMgmt.Aws.Ses;
using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Aws.Tests.Ses;

/// <summary>Management calls of one account are paced to 1 a second and honour Retry-After; sends are not held by that pacing.</summary>
public sealed class AwsSesAccountPacingTests : IDisposable
{
    private const string ListJson = """{"ContactListName":"changemgmt","Topics":[],"CreatedTimestamp":1767603600,"LastUpdatedTimestamp":1767603600}""";
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly ManualTimeProvider time = new();
    private readonly SesStub ses = new();
    private readonly AwsSesAccount account;

    public AwsSesAccountPacingTests() =>
        account = SesTestCustomers.Account(ses.Endpoints, time: time, rate: AwsSesAccount.ManagementRequestsPerSecond, transport: ses.Transport);

    public void Dispose()
    {
        account.Dispose();
        ses.Dispose();
    }

    [Fact]
    public async Task The_second_management_call_waits_a_second_while_a_send_goes_at_once()
    {
        ses.On("GET", "/v2/email/contact-lists/changemgmt").RespondWith(SesStub.Json(ListJson));
        ses.On("POST", "/v2/email/outbound-emails").RespondWith(SesStub.Json("""{"MessageId":"0100018c-send"}"""));
        await account.GetContactListAsync("changemgmt", None);

        var second = account.GetContactListAsync("changemgmt", None);
        await time.WhenTimerPendingAsync();
        var messageId = await account.SendEmailAsync(
            new OutgoingEmail("changes@msp.example", "jane@acme.example", "s", "<p>h</p>", "t", null, [], new Dictionary<string, string>()), None);

        Assert.Equal("0100018c-send", messageId);
        Assert.Equal([TimeSpan.FromSeconds(1)], time.PendingTimers());
        Assert.False(second.IsCompleted);
        Assert.Equal(["/v2/email/contact-lists/changemgmt", "/v2/email/outbound-emails"], ses.Transport.SentUris);

        time.Advance(TimeSpan.FromSeconds(1));
        await second;

        Assert.Equal(["/v2/email/contact-lists/changemgmt", "/v2/email/outbound-emails", "/v2/email/contact-lists/changemgmt"], ses.Transport.SentUris);
    }

    [Fact]
    public async Task Different_management_operations_share_the_account_pacer()
    {
        ses.On("GET", "/v2/email/contact-lists/changemgmt").RespondWith(SesStub.Json(ListJson));
        ses.On("PUT", "/v2/email/suppression/addresses").RespondWith(SesStub.Json("{}"));
        ses.On("DELETE", "/v2/email/suppression/addresses/*").RespondWith(SesStub.Json("{}"));
        await account.GetContactListAsync("changemgmt", None);

        var put = account.PutSuppressedDestinationAsync("a@acme.example", SuppressionReason.Bounce, None);
        var delete = account.DeleteSuppressedDestinationAsync("b@acme.example", None);
        await time.WhenTimerPendingAsync();

        Assert.Equal([TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)], time.PendingTimers());
        Assert.Single(ses.Transport.SentUris);
        time.Advance(TimeSpan.FromSeconds(1));
        await put;
        Assert.False(delete.IsCompleted);
        Assert.Equal(2, ses.Transport.SentUris.Count);
        time.Advance(TimeSpan.FromSeconds(1));
        await delete;
        Assert.Equal(3, ses.Transport.SentUris.Count);
    }

    [Fact]
    public async Task A_throttled_answer_with_Retry_After_is_retried_after_that_long()
    {
        ses.On("GET", "/v2/email/account").InScenario("throttle").WillSetStateTo("throttled")
            .RespondWith(SesStub.Error(429, "TooManyRequestsException", "Too many requests.").WithHeader("Retry-After", "5"));
        ses.On("GET", "/v2/email/account").InScenario("throttle").WhenStateIs("throttled")
            .RespondWith(SesStub.Json("""{"SendQuota":{"Max24HourSend":200.0,"MaxSendRate":1.0,"SentLast24Hours":0.0}}"""));

        var quota = account.GetSendQuotaAsync(None);
        await time.WhenTimerPendingAsync();

        Assert.Equal([TimeSpan.FromSeconds(5)], time.PendingTimers());
        Assert.Single(ses.Transport.SentUris);
        time.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(new SendQuota(1, 200, 0), await quota);
        Assert.Equal(2, ses.Transport.SentUris.Count);
    }
}
