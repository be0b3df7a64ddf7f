using System.Text.Json;
using System.Text.Json.Nodes;
using ChangeMgmt.Aws.Ses;
using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Aws.Tests.Ses;

/// <summary>Request bodies and answers as the SES v2 API reference spells them.</summary>
public sealed class SesRequestShapeTests
{
    [Fact]
    public async Task SendEmail_sends_simple_content_with_attachments_list_management_tags_and_configuration_set()
    {
        using var ses = new SesStub();
        ses.On("POST", "/v2/email/outbound-emails").RespondWith(SesStub.Json("""{"MessageId":"0100018c-abc"}"""));
        using var account = SesTestCustomers.Account(ses.Endpoints);
        var ics = "BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nEND:VCALENDAR\r\n"u8.ToArray();
        var email = new OutgoingEmail("Change Desk <changes@msp.example>", "jane+cab@acme.example", "CHG-0042 approved", "<p>Approved</p>", "Approved",
            new ListManagementOptions("changemgmt", "aws-announce"),
            [new EmailAttachment("invite.ics", "text/calendar", ics, "REQUEST")],
            new Dictionary<string, string> { ["change"] = "CHG-0042", ["event"] = "approved" },
            "changemgmt-events");

        var messageId = await account.SendEmailAsync(email, CancellationToken.None);

        Assert.Equal("0100018c-abc", messageId);
        SesStub.AssertJson($$"""
            {
              "FromEmailAddress": "Change Desk <changes@msp.example>",
              "Destination": { "ToAddresses": ["jane+cab@acme.example"] },
              "Content": { "Simple": {
                "Subject": { "Data": "CHG-0042 approved", "Charset": "UTF-8" },
                "Body": { "Text": { "Data": "Approved", "Charset": "UTF-8" }, "Html": { "Data": "<p>Approved</p>", "Charset": "UTF-8" } },
                "Attachments": [ { "FileName": "invite.ics", "RawContent": "{{Convert.ToBase64String(ics)}}",
                  "ContentType": "text/calendar; method=REQUEST", "ContentDisposition": "ATTACHMENT", "ContentTransferEncoding": "BASE64" } ] } },
              "ListManagementOptions": { "ContactListName": "changemgmt", "TopicName": "aws-announce" },
              "EmailTags": [ { "Name": "change", "Value": "CHG-0042" }, { "Name": "event", "Value": "approved" } ],
              "ConfigurationSetName": "changemgmt-events"
            }
            """, SesStub.Body(Assert.Single(ses.Requests)));
    }

    [Fact]
    public async Task An_identitys_default_configuration_set_is_put_as_the_api_reference_spells_it()
    {
        using var ses = new SesStub();
        ses.On("PUT", "/v2/email/identities/msp.example/configuration-set").RespondWith(SesStub.Json("{}"));
        using var account = SesTestCustomers.Account(ses.Endpoints);

        await account.PutEmailIdentityConfigurationSetAttributesAsync("msp.example", "changemgmt", CancellationToken.None);

        var request = Assert.Single(ses.Requests);
        Assert.Equal(("PUT", "/v2/email/identities/msp.example/configuration-set"), (request.Method, request.AbsolutePath));
        SesStub.AssertJson("""{"ConfigurationSetName":"changemgmt"}""", SesStub.Body(request));
    }

    [Fact]
    public void Without_attachments_tags_or_list_management_those_members_are_left_out()
    {
        var body = SesSendEmailBody.From(new OutgoingEmail("a@msp.example", "b@acme.example", "s", "<p>h</p>", "t", null, [], new Dictionary<string, string>()));

        var json = JsonSerializer.SerializeToNode(body, SignedJsonClient.Json)!.AsObject();

        Assert.Equal(["FromEmailAddress", "Destination", "Content"], json.Select(p => p.Key));
        Assert.Equal(["Subject", "Body"], json["Content"]!["Simple"]!.AsObject().Select(p => p.Key));
    }

    [Fact]
    public void A_contact_list_is_created_with_its_topics()
    {
        var list = new SesContactList("changemgmt", "Change notifications",
            [new SesTopic("aws-announce", "Announcements", "Approved changes", SubscriptionStatus.OptIn), new SesTopic("aws-approval", "Approvals", "", SubscriptionStatus.OptOut)]);

        SesStub.AssertJson("""
            {"ContactListName":"changemgmt","Description":"Change notifications","Topics":[
              {"TopicName":"aws-announce","DisplayName":"Announcements","Description":"Approved changes","DefaultSubscriptionStatus":"OPT_IN"},
              {"TopicName":"aws-approval","DisplayName":"Approvals","DefaultSubscriptionStatus":"OPT_OUT"}]}
            """, JsonSerializer.SerializeToNode(CreateContactListBody.From(list), SignedJsonClient.Json));
    }

    [Theory]
    [InlineData("1767603600", 1767603600000L)]
    [InlineData("1767603600.25", 1767603600250L)]
    [InlineData("\"1767603600\"", 1767603600000L)]
    [InlineData("\"2026-01-05T09:00:00Z\"", 1767603600000L)]
    [InlineData("\"2026-01-05T10:00:00.250+01:00\"", 1767603600250L)]
    public void Timestamps_are_read_as_epoch_seconds_or_ISO_8601(string json, long expectedUnixMs)
    {
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(expectedUnixMs), SesResponses.Timestamp(JsonNode.Parse(json)));
    }

    [Fact]
    public void A_missing_timestamp_is_null()
    {
        Assert.Null(SesResponses.Timestamp(null));
        Assert.Null(SesResponses.Timestamp(JsonNode.Parse("\"\"")));
    }
}
