using System.Text.Json.Nodes;
using Amazon.Runtime;
using ChangeMgmt.Aws.Ses;
using ChangeMgmt.Aws.Tests.Support;
using ChangeMgmt.Core.Delivery;
using ChangeMgmt.Core.Errors;
using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Aws.Tests.Ses;

/// <summary>The SES v2 adapter against moto: contact lists, contacts and SendEmail (moto's SES v2 subset).</summary>
[Collection(MotoCollection.Name)]
public sealed class AwsSesAccountMotoTests(MotoServer moto) : IAsyncLifetime
{
    private const string ListName = "changemgmt";
    private const string Sender = "changes@msp.example";
    private static readonly CancellationToken None = CancellationToken.None;

    private AwsSesAccount account = null!;

    public async Task InitializeAsync()
    {
        await moto.ResetAsync();
        account = SesTestCustomers.Account(moto.Endpoints);
    }

    public Task DisposeAsync()
    {
        account.Dispose();
        return Task.CompletedTask;
    }

    private static SesContactList List(string description = "Change notifications") => new(ListName, description,
    [
        new SesTopic("aws-announce", "Announcements", "Approved changes", SubscriptionStatus.OptIn),
        new SesTopic("aws-approval", "Approvals", "Changes awaiting approval", SubscriptionStatus.OptOut),
    ]);

    [Fact]
    public async Task A_contact_list_is_created_read_listed_and_deleted()
    {
        await account.CreateContactListAsync(List(), None);

        var read = await account.GetContactListAsync(ListName, None);
        Assert.Equal(ListName, read.ContactListName);
        Assert.Equal("Change notifications", read.Description);
        Assert.Equal(List().Topics, read.Topics);
        Assert.NotNull(read.CreatedTimestamp);
        Assert.InRange(read.CreatedTimestamp!.Value, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(5));

        var lists = await AudienceReader.ReadAllAsync(token => account.ListContactListsAsync(token, None));
        Assert.Equal([ListName], lists.Select(l => l.ContactListName));

        await account.DeleteContactListAsync(ListName, None);
        var error = await Assert.ThrowsAsync<ServiceException>(() => account.GetContactListAsync(ListName, None));
        Assert.Equal(ServiceErrorKind.NotFound, error.Kind);
        Assert.Equal("acme", error.CustomerCode);
        Assert.Empty(await AudienceReader.ReadAllAsync(token => account.ListContactListsAsync(token, None)));
    }

    [Fact]
    public async Task Contacts_are_created_read_and_all_listed_to_the_last_page()
    {
        await account.CreateContactListAsync(List(), None);
        var addresses = Enumerable.Range(1, 25).Select(i => $"user{i:00}+ops@acme.example").ToList();
        foreach (var address in addresses)
            await account.CreateContactAsync(ListName, new SesContact(address, [new TopicPreference("aws-approval", SubscriptionStatus.OptIn)]), None);

        var listed = await AudienceReader.ReadAllAsync(token => account.ListContactsAsync(ListName, null, 10, token, None));

        Assert.Equal(addresses, listed.Select(c => c.EmailAddress).Order());
        Assert.All(listed, c => Assert.Equal([new TopicPreference("aws-approval", SubscriptionStatus.OptIn)], c.TopicPreferences));
        var one = await account.GetContactAsync(ListName, "user07+ops@acme.example", None);
        Assert.Equal("user07+ops@acme.example", one.EmailAddress);
        Assert.False(one.UnsubscribeAll);
        Assert.NotNull(one.LastUpdatedTimestamp);
    }

    [Fact]
    public async Task A_deleted_contact_is_not_found_with_the_customer_named()
    {
        await account.CreateContactListAsync(List(), None);
        await account.CreateContactAsync(ListName, new SesContact("jane+cab@acme.example", []), None);

        await account.DeleteContactAsync(ListName, "jane+cab@acme.example", None);

        var error = await Assert.ThrowsAsync<ServiceException>(() => account.GetContactAsync(ListName, "jane+cab@acme.example", None));
        Assert.Equal(ServiceErrorKind.NotFound, error.Kind);
        Assert.Equal("NotFoundException", error.ErrorCode);
        Assert.Equal("acme", error.CustomerCode);
        Assert.NotNull(error.RequestId);
    }

    [Fact]
    public async Task SendEmail_with_list_management_is_recorded_by_moto()
    {
        await account.CreateContactListAsync(List(), None);
        await VerifySenderAsync();
        var email = new OutgoingEmail(Sender, "jane+cab@acme.example", "CHG-0042 approved: patch the web tier",
            "<p>Approved</p>", "Approved", new ListManagementOptions(ListName, "aws-announce"),
            [new EmailAttachment("invite.ics", "text/calendar", "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"u8.ToArray(), "REQUEST")],
            new Dictionary<string, string> { ["change"] = "CHG-0042" });

        var messageId = await account.SendEmailAsync(email, None);

        var sent = (await moto.DataAsync())["ses"]!["Message"]!.AsArray();
        var message = Assert.Single(sent, m => (string?)m!["id"] == messageId)!;
        Assert.Equal(Sender, (string?)message["source"]);
        Assert.Equal(["jane+cab@acme.example"], message["destinations"]!["ToAddresses"]!.AsArray().Select(a => (string?)a));
        Assert.Equal("CHG-0042 approved: patch the web tier", (string?)message["subject"]);
        Assert.Equal("<p>Approved</p>", (string?)message["body"]);
    }

    [Fact]
    public async Task SendEmail_from_an_unverified_sender_is_rejected_as_invalid()
    {
        var email = new OutgoingEmail("nobody@unverified.example", "jane@acme.example", "s", "<p>h</p>", "t", null, [], new Dictionary<string, string>());

        var error = await Assert.ThrowsAsync<ServiceException>(() => account.SendEmailAsync(email, None));

        Assert.Equal(ServiceErrorKind.Validation, error.Kind);
        Assert.Equal("MessageRejected", error.ErrorCode);
    }

    // moto accepts SendEmail only from a verified identity (CreateEmailIdentity marks it verified).
    private async Task VerifySenderAsync()
    {
        using var client = new SignedJsonClient(new BasicAWSCredentials("test", "test"), "us-east-1", "ses",
            moto.Endpoints.For(AwsService.SesV2, "us-east-1"), "acme");
        await client.RestAsync(HttpMethod.Post, "/v2/email/identities", new JsonObject { ["EmailIdentity"] = Sender }, None);
    }
}
