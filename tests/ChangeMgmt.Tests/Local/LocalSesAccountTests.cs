using ChangeMgmt.Core.Errors;
using ChangeMgmt.Core.Ports;
using ChangeMgmt.Local;

namespace ChangeMgmt.Tests.Local;

public sealed class LocalSesAccountTests : IDisposable
{
    private const string ListName = "acme-list";
    private static readonly CancellationToken Ct = CancellationToken.None;
    private readonly LocalFixture _fixture = new();

    private LocalSesAccount Acme => _fixture.Adapters.SesAccounts.ForCustomer("acme");

    public void Dispose() => _fixture.Dispose();

    private static SesContactList List(string name = ListName) => new(name, "Change notices",
    [
        new SesTopic("aws-approval", "Approvals", "Approval requests", SubscriptionStatus.OptOut),
        new SesTopic("aws-announce", "Announcements", "Change announcements", SubscriptionStatus.OptIn),
    ]);

    private static SesContact Contact(string email, bool unsubscribeAll = false, params TopicPreference[] preferences) =>
        new(email, preferences, unsubscribeAll);

    [Fact]
    public async Task An_account_has_one_contact_list()
    {
        await Acme.CreateContactListAsync(List(), Ct);

        var second = await Assert.ThrowsAsync<ServiceException>(() => Acme.CreateContactListAsync(List("another"), Ct));
        var same = await Assert.ThrowsAsync<ServiceException>(() => Acme.CreateContactListAsync(List(), Ct));

        Assert.Equal((ServiceErrorKind.Validation, "LimitExceededException", "acme"), (second.Kind, second.ErrorCode, second.CustomerCode));
        Assert.Equal((ServiceErrorKind.AlreadyExists, "AlreadyExistsException"), (same.Kind, same.ErrorCode));
        Assert.Equal([ListName], (await Acme.ListContactListsAsync(null, Ct)).Items.Select(l => l.ContactListName));
    }

    [Fact]
    public async Task A_contact_list_can_be_read_updated_and_deleted()
    {
        await Acme.CreateContactListAsync(List(), Ct);
        var created = await Acme.GetContactListAsync(ListName, Ct);

        _fixture.Time.Advance(TimeSpan.FromMinutes(1));
        await Acme.UpdateContactListAsync(created with { Topics = [.. created.Topics, new SesTopic("aws-calendar", "Calendar", "Invites", SubscriptionStatus.OptIn)] }, Ct);
        var updated = await Acme.GetContactListAsync(ListName, Ct);
        await Acme.DeleteContactListAsync(ListName, Ct);

        Assert.Equal(List().Topics, created.Topics);
        Assert.Equal(["aws-approval", "aws-announce", "aws-calendar"], updated.Topics.Select(t => t.TopicName));
        Assert.Equal(created.CreatedTimestamp, updated.CreatedTimestamp);
        Assert.Equal(created.LastUpdatedTimestamp + TimeSpan.FromMinutes(1), updated.LastUpdatedTimestamp);
        var missing = await Assert.ThrowsAsync<ServiceException>(() => Acme.GetContactListAsync(ListName, Ct));
        Assert.Equal((ServiceErrorKind.NotFound, "NotFoundException"), (missing.Kind, missing.ErrorCode));
        Assert.Contains("acme", missing.Message);
        Assert.Contains(ListName, missing.Message);
    }

    [Fact]
    public async Task Contacts_are_created_read_updated_and_deleted()
    {
        await Acme.CreateContactListAsync(List(), Ct);
        await Acme.CreateContactAsync(ListName, new SesContact("Jane@Acme.example", [new TopicPreference("aws-approval", SubscriptionStatus.OptIn)], AttributesData: "{\"name\":\"Jane\"}"), Ct);

        var duplicate = await Assert.ThrowsAsync<ServiceException>(() => Acme.CreateContactAsync(ListName, Contact("jane@acme.example"), Ct));
        var read = await Acme.GetContactAsync(ListName, "jane@ACME.example", Ct);
        await Acme.UpdateContactAsync(ListName, Contact("jane@acme.example", unsubscribeAll: true), Ct);
        var updated = await Acme.GetContactAsync(ListName, "jane@acme.example", Ct);
        await Acme.DeleteContactAsync(ListName, "JANE@acme.example", Ct);

        Assert.Equal((ServiceErrorKind.AlreadyExists, "AlreadyExistsException"), (duplicate.Kind, duplicate.ErrorCode));
        Assert.Equal("Jane@Acme.example", read.EmailAddress);
        Assert.Equal([new TopicPreference("aws-approval", SubscriptionStatus.OptIn)], read.TopicPreferences);
        Assert.Equal("{\"name\":\"Jane\"}", read.AttributesData);
        Assert.Equal(
            [new TopicPreference("aws-approval", SubscriptionStatus.OptOut), new TopicPreference("aws-announce", SubscriptionStatus.OptIn)],
            read.TopicDefaultPreferences);
        Assert.True(updated.UnsubscribeAll);
        Assert.Empty(updated.TopicPreferences);
        Assert.Equal("{\"name\":\"Jane\"}", updated.AttributesData);
        var gone = await Assert.ThrowsAsync<ServiceException>(() => Acme.GetContactAsync(ListName, "jane@acme.example", Ct));
        Assert.Equal(ServiceErrorKind.NotFound, gone.Kind);
        Assert.Contains("jane@acme.example", gone.Message);
    }

    [Fact]
    public async Task Contact_calls_on_a_missing_list_or_contact_are_not_found()
    {
        var noList = await Assert.ThrowsAsync<ServiceException>(() => Acme.CreateContactAsync(ListName, Contact("a@acme.example"), Ct));
        await Acme.CreateContactListAsync(List(), Ct);
        var noContactUpdate = await Assert.ThrowsAsync<ServiceException>(() => Acme.UpdateContactAsync(ListName, Contact("a@acme.example"), Ct));
        var noContactDelete = await Assert.ThrowsAsync<ServiceException>(() => Acme.DeleteContactAsync(ListName, "a@acme.example", Ct));

        Assert.All([noList, noContactUpdate, noContactDelete], e => Assert.Equal((ServiceErrorKind.NotFound, "NotFoundException", "acme"), (e.Kind, e.ErrorCode, e.CustomerCode)));
    }

    [Fact]
    public async Task Listing_contacts_follows_next_token_through_every_page()
    {
        await Acme.CreateContactListAsync(List(), Ct);
        var emails = Enumerable.Range(0, 2345).Select(i => $"user{i:D5}@acme.example").ToList();
        foreach (var email in emails)
            await Acme.CreateContactAsync(ListName, Contact(email), Ct);

        var pages = new List<Page<SesContact>>();
        string? token = null;
        do
        {
            var page = await Acme.ListContactsAsync(ListName, null, 1000, token, Ct);
            pages.Add(page);
            token = page.NextToken;
        }
        while (token is not null);

        Assert.Equal([1000, 1000, 345], pages.Select(p => p.Items.Count));
        Assert.Equal(emails, pages.SelectMany(p => p.Items).Select(c => c.EmailAddress));
        Assert.All(pages.SelectMany(p => p.Items), c => Assert.Equal(2, c.TopicDefaultPreferences!.Count));
    }

    [Fact]
    public async Task A_page_that_ends_the_list_has_no_next_token()
    {
        await Acme.CreateContactListAsync(List(), Ct);
        for (var i = 0; i < 4; i++)
            await Acme.CreateContactAsync(ListName, Contact($"u{i}@acme.example"), Ct);

        var first = await Acme.ListContactsAsync(ListName, null, 2, null, Ct);
        var second = await Acme.ListContactsAsync(ListName, null, 2, first.NextToken, Ct);

        Assert.NotNull(first.NextToken);
        Assert.Equal(["u2@acme.example", "u3@acme.example"], second.Items.Select(c => c.EmailAddress));
        Assert.Null(second.NextToken);
        var tooBig = await Assert.ThrowsAsync<ServiceException>(() => Acme.ListContactsAsync(ListName, null, 1001, null, Ct));
        Assert.Equal(ServiceErrorKind.Validation, tooBig.Kind);
    }

    [Fact]
    public async Task The_topic_filter_uses_explicit_preferences_then_defaults_and_honours_unsubscribe_all()
    {
        await Acme.CreateContactListAsync(List(), Ct);
        await Acme.CreateContactAsync(ListName, Contact("default@acme.example"), Ct);
        await Acme.CreateContactAsync(ListName, Contact("in@acme.example", false, new TopicPreference("aws-approval", SubscriptionStatus.OptIn)), Ct);
        await Acme.CreateContactAsync(ListName, Contact("out@acme.example", false, new TopicPreference("aws-announce", SubscriptionStatus.OptOut)), Ct);
        await Acme.CreateContactAsync(ListName, Contact("gone@acme.example", true, new TopicPreference("aws-approval", SubscriptionStatus.OptIn)), Ct);

        Assert.Equal(["default@acme.example", "in@acme.example"], await Emails(new ContactFilter(SubscriptionStatus.OptIn, "aws-announce")));
        Assert.Equal(["gone@acme.example", "out@acme.example"], await Emails(new ContactFilter(SubscriptionStatus.OptOut, "aws-announce")));
        Assert.Equal(["in@acme.example"], await Emails(new ContactFilter(SubscriptionStatus.OptIn, "aws-approval")));
        Assert.Equal(["default@acme.example", "gone@acme.example", "out@acme.example"], await Emails(new ContactFilter(SubscriptionStatus.OptOut, "aws-approval")));
        Assert.Equal(["in@acme.example"], await Emails(new ContactFilter(SubscriptionStatus.OptIn, "aws-approval", UseDefaultIfPreferenceUnavailable: false)));
        Assert.Equal(["gone@acme.example", "out@acme.example"], await Emails(new ContactFilter(SubscriptionStatus.OptOut, "aws-announce", UseDefaultIfPreferenceUnavailable: false)));
        Assert.Equal(["gone@acme.example"], await Emails(new ContactFilter(SubscriptionStatus.OptOut, null)));
        Assert.Equal(4, (await Emails(null)).Count);
    }

    [Fact]
    public async Task Filtered_listing_pages_through_matches_only()
    {
        await Acme.CreateContactListAsync(List(), Ct);
        for (var i = 0; i < 30; i++)
            await Acme.CreateContactAsync(ListName, Contact($"u{i:D2}@acme.example", unsubscribeAll: i % 3 == 0), Ct);

        var emails = new List<string>();
        string? token = null;
        do
        {
            var page = await Acme.ListContactsAsync(ListName, new ContactFilter(SubscriptionStatus.OptIn, "aws-announce"), 7, token, Ct);
            emails.AddRange(page.Items.Select(c => c.EmailAddress));
            token = page.NextToken;
        }
        while (token is not null);

        Assert.Equal(Enumerable.Range(0, 30).Where(i => i % 3 != 0).Select(i => $"u{i:D2}@acme.example"), emails);
    }

    [Fact]
    public async Task The_suppression_list_is_created_read_listed_and_deleted()
    {
        await Acme.PutSuppressedDestinationAsync("Bounced@Acme.example", SuppressionReason.Bounce, Ct);
        _fixture.Time.Advance(TimeSpan.FromSeconds(5));
        await Acme.PutSuppressedDestinationAsync("bounced@acme.example", SuppressionReason.Complaint, Ct);
        await Acme.PutSuppressedDestinationAsync("other@acme.example", SuppressionReason.Bounce, Ct);

        var read = await Acme.GetSuppressedDestinationAsync("BOUNCED@acme.example", Ct);
        var listed = await Acme.ListSuppressedDestinationsAsync(null, Ct);
        await Acme.DeleteSuppressedDestinationAsync("bounced@acme.example", Ct);

        Assert.Equal(new SuppressedDestination("bounced@acme.example", SuppressionReason.Complaint, _fixture.Time.GetUtcNow()), read);
        Assert.Equal(["bounced@acme.example", "other@acme.example"], listed.Items.Select(s => s.EmailAddress));
        Assert.Null(listed.NextToken);
        var gone = await Assert.ThrowsAsync<ServiceException>(() => Acme.GetSuppressedDestinationAsync("bounced@acme.example", Ct));
        var deleteAgain = await Assert.ThrowsAsync<ServiceException>(() => Acme.DeleteSuppressedDestinationAsync("bounced@acme.example", Ct));
        Assert.Equal((ServiceErrorKind.NotFound, ServiceErrorKind.NotFound), (gone.Kind, deleteAgain.Kind));
    }

    [Fact]
    public async Task Each_customer_is_its_own_account()
    {
        var globex = _fixture.Adapters.SesAccounts.ForCustomer("globex");
        await Acme.CreateContactListAsync(List(), Ct);
        await Acme.CreateContactAsync(ListName, Contact("jane@acme.example"), Ct);
        await Acme.PutSuppressedDestinationAsync("jane@acme.example", SuppressionReason.Bounce, Ct);

        Assert.Empty((await globex.ListContactListsAsync(null, Ct)).Items);
        Assert.Empty((await globex.ListSuppressedDestinationsAsync(null, Ct)).Items);
        var notThere = await Assert.ThrowsAsync<ServiceException>(() => globex.GetContactAsync(ListName, "jane@acme.example", Ct));
        Assert.Equal(("globex", ServiceErrorKind.NotFound), (notThere.CustomerCode, notThere.Kind));
        await globex.CreateContactListAsync(List(), Ct);
        Assert.Empty((await globex.ListContactsAsync(ListName, null, 100, null, Ct)).Items);
        Assert.Same(Acme, _fixture.Adapters.SesAccounts.ForCustomer("acme"));
    }

    [Fact]
    public async Task Accounts_and_their_data_survive_reopening_the_data_directory()
    {
        await Acme.CreateContactListAsync(List(), Ct);
        await Acme.CreateContactAsync(ListName, Contact("jane@acme.example"), Ct);
        await Acme.SetMaxSendRateAsync(3, Ct);

        using var reopened = new LocalAdapters(_fixture.DataDirectory, LocalFixture.Bucket);
        var account = reopened.SesAccounts.ForCustomer("acme");

        Assert.Equal("jane@acme.example", (await account.GetContactAsync(ListName, "jane@acme.example", Ct)).EmailAddress);
        Assert.Equal(3, (await account.GetSendQuotaAsync(Ct)).MaxSendRate);
    }

    [Theory]
    [InlineData("")]
    [InlineData("..")]
    [InlineData("a/b")]
    [InlineData("a\\b")]
    public void A_customer_code_must_be_one_path_segment(string code) =>
        Assert.ThrowsAny<ArgumentException>(() => _fixture.Adapters.SesAccounts.ForCustomer(code));

    private async Task<List<string>> Emails(ContactFilter? filter) =>
        [.. (await Acme.ListContactsAsync(ListName, filter, 1000, null, Ct)).Items.Select(c => c.EmailAddress)];
}
