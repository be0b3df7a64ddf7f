using ChangeMgmt.Aws.Ses;
using ChangeMgmt.Core.Delivery;
using ChangeMgmt.Core.Errors;
using ChangeMgmt.Core.Ports;
using WireMock.Matchers;
using WireMock.RequestBuilders;

namespace ChangeMgmt.Aws.Tests.Ses;

/// <summary>The SES v2 operations moto lacks (UpdateContact, the suppression list, GetAccount), and error answers, against WireMock.</summary>
public sealed class AwsSesAccountStubTests : IDisposable
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly SesStub ses = new();
    private readonly AwsSesAccount account;

    public AwsSesAccountStubTests() => account = SesTestCustomers.Account(ses.Endpoints, transport: ses.Transport);

    public void Dispose()
    {
        account.Dispose();
        ses.Dispose();
    }

    [Fact]
    public async Task UpdateContact_puts_preferences_to_the_encoded_address_signed_for_ses()
    {
        ses.On("PUT", "/v2/email/contact-lists/changemgmt/contacts/*").RespondWith(SesStub.Json("{}"));

        await account.UpdateContactAsync("changemgmt", new SesContact("jane+cab@acme.example",
            [new TopicPreference("aws-announce", SubscriptionStatus.OptOut), new TopicPreference("aws-approval", SubscriptionStatus.OptIn)],
            UnsubscribeAll: false, AttributesData: """{"team":"cab"}"""), None);

        var request = Assert.Single(ses.Requests);
        Assert.Equal("PUT", request.Method);
        Assert.Equal(["/v2/email/contact-lists/changemgmt/contacts/jane%2Bcab%40acme.example"], ses.Transport.SentUris);
        SesStub.AssertJson("""{"TopicPreferences":[{"TopicName":"aws-announce","SubscriptionStatus":"OPT_OUT"},{"TopicName":"aws-approval","SubscriptionStatus":"OPT_IN"}],"UnsubscribeAll":false,"AttributesData":"{\"team\":\"cab\"}"}""",
            SesStub.Body(request));
        var authorization = SesStub.Header(request, "Authorization");
        Assert.StartsWith("AWS4-HMAC-SHA256 Credential=test/", authorization);
        Assert.Contains("/us-east-1/ses/aws4_request", authorization);
    }

    [Fact]
    public async Task A_suppressed_destination_is_put_read_listed_and_deleted()
    {
        ses.On("PUT", "/v2/email/suppression/addresses").RespondWith(SesStub.Json("{}"));
        ses.On("GET", "/v2/email/suppression/addresses/*").RespondWith(SesStub.Json("""
            {"SuppressedDestination":{"EmailAddress":"bounced+1@acme.example","Reason":"BOUNCE","LastUpdateTime":1767603600.5,
             "Attributes":{"MessageId":"0100018c-message","FeedbackId":"0100018c-feedback"}}}
            """));
        ses.On("GET", "/v2/email/suppression/addresses").RespondWith(SesStub.Json("""
            {"SuppressedDestinationSummaries":[
              {"EmailAddress":"bounced+1@acme.example","Reason":"BOUNCE","LastUpdateTime":1767603600},
              {"EmailAddress":"angry@acme.example","Reason":"COMPLAINT","LastUpdateTime":"2026-01-05T09:00:00Z"}]}
            """));
        ses.On("DELETE", "/v2/email/suppression/addresses/*").RespondWith(SesStub.Json("{}"));

        await account.PutSuppressedDestinationAsync("bounced+1@acme.example", SuppressionReason.Bounce, None);
        var one = await account.GetSuppressedDestinationAsync("bounced+1@acme.example", None);
        var page = await account.ListSuppressedDestinationsAsync(null, None);
        await account.DeleteSuppressedDestinationAsync("bounced+1@acme.example", None);

        Assert.Equal(new SuppressedDestination("bounced+1@acme.example", SuppressionReason.Bounce, DateTimeOffset.FromUnixTimeMilliseconds(1767603600500)), one);
        Assert.Equal(
            [
                new SuppressedDestination("bounced+1@acme.example", SuppressionReason.Bounce, DateTimeOffset.FromUnixTimeSeconds(1767603600)),
                new SuppressedDestination("angry@acme.example", SuppressionReason.Complaint, new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero)),
            ], page.Items);
        Assert.Null(page.NextToken);
        var requests = ses.Requests;
        Assert.Equal(["PUT", "GET", "GET", "DELETE"], requests.Select(r => r.Method));
        SesStub.AssertJson("""{"EmailAddress":"bounced+1@acme.example","Reason":"BOUNCE"}""", SesStub.Body(requests[0]));
        Assert.Equal(
            [
                "/v2/email/suppression/addresses",
                "/v2/email/suppression/addresses/bounced%2B1%40acme.example",
                "/v2/email/suppression/addresses?PageSize=1000",
                "/v2/email/suppression/addresses/bounced%2B1%40acme.example",
            ], ses.Transport.SentUris);
    }

    [Fact]
    public async Task ListSuppressedDestinations_passes_the_next_token_in_the_query()
    {
        ses.On("GET", "/v2/email/suppression/addresses").RespondWith(SesStub.Json("""{"SuppressedDestinationSummaries":[],"NextToken":"page/3+"}"""));

        var page = await account.ListSuppressedDestinationsAsync("page/2+", None);

        Assert.Empty(page.Items);
        Assert.Equal("page/3+", page.NextToken);
        Assert.Equal(["/v2/email/suppression/addresses?NextToken=page%2F2%2B&PageSize=1000"], ses.Transport.SentUris);
        Assert.Equal("page/2+", Assert.Single(ses.Requests).Query!["NextToken"].Single());
    }

    [Fact]
    public async Task ListContacts_follows_tokens_through_an_empty_page_with_the_filter_in_the_body()
    {
        const string path = "/v2/email/contact-lists/changemgmt/contacts/list";
        Contact(path, null, """{"Contacts":[{"EmailAddress":"a@acme.example","TopicPreferences":[],"TopicDefaultPreferences":[{"TopicName":"aws-announce","SubscriptionStatus":"OPT_IN"}],"UnsubscribeAll":false,"LastUpdatedTimestamp":1767603600}],"NextToken":"t1"}""");
        Contact(path, "t1", """{"Contacts":[],"NextToken":"t2"}""");
        Contact(path, "t2", """{"Contacts":[{"EmailAddress":"b@acme.example","TopicPreferences":[{"TopicName":"aws-announce","SubscriptionStatus":"OPT_IN"}],"UnsubscribeAll":false}]}""");
        var filter = new ContactFilter(SubscriptionStatus.OptIn, "aws-announce");

        var contacts = await AudienceReader.ReadAllAsync(token => account.ListContactsAsync("changemgmt", filter, 10, token, None));

        Assert.Equal(["a@acme.example", "b@acme.example"], contacts.Select(c => c.EmailAddress));
        Assert.Equal([new TopicPreference("aws-announce", SubscriptionStatus.OptIn)], contacts[0].TopicDefaultPreferences);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1767603600), contacts[0].LastUpdatedTimestamp);
        var requests = ses.Requests;
        Assert.Equal(3, requests.Count);
        const string filterJson = """{"FilteredStatus":"OPT_IN","TopicFilter":{"TopicName":"aws-announce","UseDefaultIfPreferenceUnavailable":true}}""";
        SesStub.AssertJson($$"""{"Filter":{{filterJson}},"PageSize":10}""", SesStub.Body(requests[0]));
        SesStub.AssertJson($$"""{"Filter":{{filterJson}},"PageSize":10,"NextToken":"t1"}""", SesStub.Body(requests[1]));
        SesStub.AssertJson($$"""{"Filter":{{filterJson}},"PageSize":10,"NextToken":"t2"}""", SesStub.Body(requests[2]));
        Assert.All(ses.Requests, r => Assert.Equal("POST", r.Method));
    }

    private void Contact(string path, string? token, string answer)
    {
        var request = Request.Create().WithPath(path).UsingPost();
        if (token is not null) request = request.WithBody(new JsonPartialMatcher($$"""{"NextToken":"{{token}}"}"""));
        ses.Server.Given(request).AtPriority(token is null ? 10 : 1).RespondWith(SesStub.Json(answer));
    }

    [Fact]
    public async Task GetSendQuota_reads_the_account_send_quota()
    {
        ses.On("GET", "/v2/email/account").RespondWith(SesStub.Json("""
            {"DedicatedIpAutoWarmupEnabled":true,"EnforcementStatus":"HEALTHY","ProductionAccessEnabled":true,
             "SendQuota":{"Max24HourSend":50000.0,"MaxSendRate":14.0,"SentLast24Hours":123.0},"SendingEnabled":true,
             "SuppressionAttributes":{"SuppressedReasons":["BOUNCE","COMPLAINT"]}}
            """));

        var quota = await account.GetSendQuotaAsync(None);

        Assert.Equal(new SendQuota(14, 50_000, 123), quota);
    }

    [Fact]
    public async Task NotFound_carries_the_error_code_request_id_and_customer_and_is_not_retried()
    {
        ses.On("GET", "/v2/email/contact-lists/*").RespondWith(SesStub.Error(404, "NotFoundException", "List with name: missing doesn't exist."));

        var error = await Assert.ThrowsAsync<ServiceException>(() => account.GetContactListAsync("missing", None));

        Assert.Equal(ServiceErrorKind.NotFound, error.Kind);
        Assert.Equal("NotFoundException", error.ErrorCode);
        Assert.Equal(SesStub.RequestId, error.RequestId);
        Assert.Equal("acme", error.CustomerCode);
        Assert.Contains("missing doesn't exist", error.Message);
        // Who, which call on which resource, and what to do: never a bare "not found".
        Assert.StartsWith("acme: GET /v2/email/contact-lists/missing: NotFoundException: ", error.Message, StringComparison.Ordinal);
        Assert.Contains("Fix: check that it exists in that account and region", error.Message, StringComparison.Ordinal);
        Assert.Single(ses.Requests);
    }

    [Theory]
    [InlineData(429)]
    [InlineData(400)]
    public async Task A_throttled_management_call_is_retried_until_it_succeeds(int status)
    {
        const string path = "/v2/email/contact-lists/changemgmt";
        ses.On("GET", path).InScenario("throttle").WillSetStateTo("throttled once")
            .RespondWith(SesStub.Error(status, "TooManyRequestsException", "Too many requests."));
        ses.On("GET", path).InScenario("throttle").WhenStateIs("throttled once").WillSetStateTo("throttled twice")
            .RespondWith(SesStub.Error(status, "TooManyRequestsException", "Too many requests."));
        ses.On("GET", path).InScenario("throttle").WhenStateIs("throttled twice")
            .RespondWith(SesStub.Json("""{"ContactListName":"changemgmt","Topics":[],"CreatedTimestamp":1767603600,"LastUpdatedTimestamp":1767603600}"""));

        var list = await account.GetContactListAsync("changemgmt", None);

        Assert.Equal("changemgmt", list.ContactListName);
        Assert.Equal(3, ses.Requests.Count);
    }

    [Fact]
    public async Task Throttling_that_outlasts_the_retries_surfaces_as_throttled()
    {
        ses.On("GET", "/v2/email/account").RespondWith(SesStub.Error(429, "TooManyRequestsException", "Too many requests."));

        var error = await Assert.ThrowsAsync<ThrottledException>(() => account.GetSendQuotaAsync(None));

        Assert.Equal(ServiceErrorKind.Throttled, error.Kind);
        Assert.Equal(SesTestCustomers.QuickRetry.MaxAttempts, ses.Requests.Count);
    }

    [Fact]
    public async Task SendEmail_is_attempted_once_and_leaves_retrying_to_the_send_path()
    {
        ses.On("POST", "/v2/email/outbound-emails").RespondWith(SesStub.Error(429, "TooManyRequestsException", "Maximum sending rate exceeded."));
        var email = new OutgoingEmail("changes@msp.example", "jane@acme.example", "s", "<p>h</p>", "t", null, [], new Dictionary<string, string>());

        var error = await Assert.ThrowsAsync<ThrottledException>(() => account.SendEmailAsync(email, None));

        Assert.True(error.IsRetryable);
        Assert.Single(ses.Requests);
    }
}
