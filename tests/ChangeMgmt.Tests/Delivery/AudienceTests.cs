using ChangeMgmt.Core.Customers;
using ChangeMgmt.Core.Configuration;
using ChangeMgmt.Core.Delivery;
using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Tests.Delivery;

public sealed class AudienceTests
{
    private static readonly SesTopic Announce = new("aws-announce", "Announcements", "", SubscriptionStatus.OptIn);
    private static readonly SesTopic Approval = new("aws-approval", "Approvals", "", SubscriptionStatus.OptOut);

    private static SesContact Contact(string email, bool unsubscribeAll = false, params (string Topic, SubscriptionStatus Status)[] preferences) =>
        new(email, [.. preferences.Select(p => new TopicPreference(p.Topic, p.Status))], unsubscribeAll);

    private static Audience AudienceOf(IEnumerable<SesContact> contacts, params string[] suppressed) => new(
        new SesContactList("changemgmt", null, [Announce, Approval]),
        [.. contacts],
        suppressed.ToHashSet(StringComparer.OrdinalIgnoreCase));

    [Fact]
    public void Default_applies_when_the_contact_has_no_preference()
    {
        var contact = Contact("a@acme.example");

        Assert.Equal(SubscriptionStatus.OptIn, Audience.EffectiveStatus(contact, Announce));
        Assert.Equal(SubscriptionStatus.OptOut, Audience.EffectiveStatus(contact, Approval));
    }

    [Fact]
    public void An_explicit_preference_beats_the_default()
    {
        var contact = Contact("a@acme.example", false, ("aws-announce", SubscriptionStatus.OptOut), ("aws-approval", SubscriptionStatus.OptIn));

        Assert.Equal(SubscriptionStatus.OptOut, Audience.EffectiveStatus(contact, Announce));
        Assert.Equal(SubscriptionStatus.OptIn, Audience.EffectiveStatus(contact, Approval));
    }

    [Fact]
    public void A_preference_for_another_topic_does_not_count()
    {
        var contact = Contact("a@acme.example", false, ("aws-calendar", SubscriptionStatus.OptIn));

        Assert.Equal(SubscriptionStatus.OptOut, Audience.EffectiveStatus(contact, Approval));
    }

    [Fact]
    public void Unsubscribe_all_wins_over_everything()
    {
        var contact = Contact("a@acme.example", true, ("aws-approval", SubscriptionStatus.OptIn));

        Assert.Equal(SubscriptionStatus.OptOut, Audience.EffectiveStatus(contact, Announce));
        Assert.Equal(SubscriptionStatus.OptOut, Audience.EffectiveStatus(contact, Approval));
    }

    private static readonly SesContact[] People =
    [
        Contact("default@acme.example"),
        Contact("approver@acme.example", false, ("aws-approval", SubscriptionStatus.OptIn), ("aws-announce", SubscriptionStatus.OptOut)),
        Contact("both@acme.example", false, ("aws-approval", SubscriptionStatus.OptIn)),
        Contact("gone@acme.example", true, ("aws-approval", SubscriptionStatus.OptIn), ("aws-announce", SubscriptionStatus.OptIn)),
        Contact("bounced@acme.example", false, ("aws-approval", SubscriptionStatus.OptIn)),
    ];

    [Fact]
    public void Recipients_are_the_opted_in_contacts_minus_unsubscribed_and_suppressed()
    {
        var audience = AudienceOf(People, "BOUNCED@Acme.Example");

        Assert.Equal(["default@acme.example", "both@acme.example"], audience.RecipientsFor("aws-announce", null));
        Assert.Equal(["approver@acme.example", "both@acme.example"], audience.RecipientsFor("aws-approval", null));
    }

    [Fact]
    public void Restricted_recipients_limit_the_audience_ignoring_case()
    {
        var audience = AudienceOf(People);

        Assert.Equal(["both@acme.example"], audience.RecipientsFor("aws-approval", ["Both@ACME.example", "nobody@acme.example"]));
        Assert.Equal(["default@acme.example"], audience.RecipientsFor("aws-announce", ["DEFAULT@acme.example", "approver@acme.example"]));
    }

    [Fact]
    public void A_restriction_never_adds_anyone()
    {
        var audience = AudienceOf(People, "bounced@acme.example");

        Assert.Empty(audience.RecipientsFor("aws-approval", ["bounced@acme.example", "gone@acme.example", "default@acme.example", "stranger@acme.example"]));
    }

    [Fact]
    public void An_empty_restriction_list_restricts_nothing()
    {
        var audience = AudienceOf(People);

        Assert.Equal(audience.RecipientsFor("aws-announce", null), audience.RecipientsFor("aws-announce", []));
    }

    [Fact]
    public void An_unknown_topic_has_no_recipients()
    {
        var audience = AudienceOf(People);

        Assert.False(audience.HasTopic("aws-calendar"));
        Assert.Empty(audience.RecipientsFor("aws-calendar", null));
    }

    [Fact]
    public void The_same_address_twice_is_one_recipient()
    {
        var audience = AudienceOf([Contact("dup@acme.example"), Contact("DUP@acme.example")]);

        Assert.Single(audience.RecipientsFor("aws-announce", null));
    }

    [Fact]
    public async Task ReadAll_follows_the_token_through_empty_pages()
    {
        var pages = new Dictionary<string, Page<int>>
        {
            [""] = new([1, 2], "t1"),
            ["t1"] = new([], "t2"),
            ["t2"] = new([], "t3"),
            ["t3"] = new([3], null),
        };
        var asked = new List<string?>();

        var all = await AudienceReader.ReadAllAsync<int>(token =>
        {
            asked.Add(token);
            return Task.FromResult(pages[token ?? ""]);
        });

        Assert.Equal([1, 2, 3], all);
        Assert.Equal([null, "t1", "t2", "t3"], asked);
    }

    [Fact]
    public async Task ReadAll_stops_at_an_empty_token()
    {
        var calls = 0;

        var all = await AudienceReader.ReadAllAsync<int>(_ => Task.FromResult(new Page<int>([++calls], "")));

        Assert.Equal([1], all);
    }

    [Fact]
    public async Task ReadAsync_pages_contacts_and_suppression_of_the_only_list()
    {
        var account = new FakeSesAccount
        {
            Lists = [new("the-list", null, [Announce])],
            ContactPages = [new([Contact("a@acme.example")], "c1"), new([], "c2"), new([Contact("b@acme.example")], null)],
            SuppressionPages = [new([], "s1"), new([new("B@ACME.EXAMPLE", SuppressionReason.Bounce, DateTimeOffset.UnixEpoch)], null)],
        };

        var audience = await AudienceReader.ReadAsync(account, new CustomerConfig { CustomerCode = "acme" }, CancellationToken.None);

        Assert.Equal("the-list", audience.ContactList.ContactListName);
        Assert.Equal(["a@acme.example", "b@acme.example"], audience.Contacts.Select(c => c.EmailAddress));
        Assert.Equal(["a@acme.example"], audience.RecipientsFor("aws-announce", null));
        Assert.Equal("the-list", account.ListedContactsOf);
    }

    [Fact]
    public async Task The_configured_contact_list_name_is_used()
    {
        var account = new FakeSesAccount { Lists = [new("one", null, [Announce]), new("two", null, [Announce])] };

        var name = await CustomerListLookup.NameAsync(account, new CustomerConfig { CustomerCode = "acme", ContactListName = "two" }, CancellationToken.None);

        Assert.Equal("two", name);
    }

    [Fact]
    public async Task No_contact_list_is_reported()
    {
        var account = new FakeSesAccount { Lists = [] };

        var ex = await Assert.ThrowsAsync<ContactListMissingException>(() =>
            CustomerListLookup.NameAsync(account, new CustomerConfig { CustomerCode = "acme" }, CancellationToken.None));
        Assert.Equal("acme", ex.CustomerCode);
    }

    [Fact]
    public async Task Several_contact_lists_without_a_configured_name_are_reported()
    {
        var account = new FakeSesAccount { Lists = [new("one", null, []), new("two", null, [])] };

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            CustomerListLookup.NameAsync(account, new CustomerConfig { CustomerCode = "acme" }, CancellationToken.None));
        Assert.Contains("contact_list_name", ex.Message);
    }

    private sealed class FakeSesAccount : ISesAccount
    {
        public List<SesContactList> Lists { get; init; } = [];
        public List<Page<SesContact>> ContactPages { get; init; } = [new([], null)];
        public List<Page<SuppressedDestination>> SuppressionPages { get; init; } = [new([], null)];
        public string? ListedContactsOf { get; private set; }

        public string CustomerCode => "acme";

        private static Page<T> PageAt<T>(List<Page<T>> pages, string? token) =>
            pages[token is null ? 0 : int.Parse(token[1..])];

        public Task<SesContactList> GetContactListAsync(string contactListName, CancellationToken ct) =>
            Task.FromResult(Lists.Single(l => l.ContactListName == contactListName));

        // One list per page, so paging is exercised too.
        public Task<Page<SesContactList>> ListContactListsAsync(string? nextToken, CancellationToken ct)
        {
            var index = nextToken is null ? 0 : int.Parse(nextToken);
            if (Lists.Count == 0) return Task.FromResult(new Page<SesContactList>([], null));
            return Task.FromResult(new Page<SesContactList>([Lists[index]], index + 1 < Lists.Count ? (index + 1).ToString() : null));
        }

        public Task<Page<SesContact>> ListContactsAsync(string contactListName, ContactFilter? filter, int pageSize, string? nextToken, CancellationToken ct)
        {
            ListedContactsOf = contactListName;
            return Task.FromResult(PageAt(ContactPages, nextToken));
        }

        public Task<Page<SuppressedDestination>> ListSuppressedDestinationsAsync(string? nextToken, CancellationToken ct) =>
            Task.FromResult(PageAt(SuppressionPages, nextToken));

        public Task<SendQuota> GetSendQuotaAsync(CancellationToken ct) => throw new NotSupportedException();
        public Task CreateContactListAsync(SesContactList list, CancellationToken ct) => throw new NotSupportedException();
        public Task UpdateContactListAsync(SesContactList list, CancellationToken ct) => throw new NotSupportedException();
        public Task DeleteContactListAsync(string contactListName, CancellationToken ct) => throw new NotSupportedException();
        public Task CreateContactAsync(string contactListName, SesContact contact, CancellationToken ct) => throw new NotSupportedException();
        public Task<SesContact> GetContactAsync(string contactListName, string emailAddress, CancellationToken ct) => throw new NotSupportedException();
        public Task UpdateContactAsync(string contactListName, SesContact contact, CancellationToken ct) => throw new NotSupportedException();
        public Task DeleteContactAsync(string contactListName, string emailAddress, CancellationToken ct) => throw new NotSupportedException();
        public Task PutSuppressedDestinationAsync(string emailAddress, SuppressionReason reason, CancellationToken ct) => throw new NotSupportedException();
        public Task<SuppressedDestination> GetSuppressedDestinationAsync(string emailAddress, CancellationToken ct) => throw new NotSupportedException();
        public Task DeleteSuppressedDestinationAsync(string emailAddress, CancellationToken ct) => throw new NotSupportedException();
        public Task<string> SendEmailAsync(OutgoingEmail email, CancellationToken ct) => throw new NotSupportedException();
        public Task<SesAccountDetails> GetAccountAsync(CancellationToken ct) => throw new NotSupportedException();
        public Task PutAccountSuppressionAttributesAsync(IReadOnlyList<SuppressionReason> reasons, CancellationToken ct) => throw new NotSupportedException();
        public Task PutAccountDetailsAsync(SesProductionAccessRequest request, CancellationToken ct) => throw new NotSupportedException();
        public Task<SesEmailIdentity> GetEmailIdentityAsync(string emailIdentity, CancellationToken ct) => throw new NotSupportedException();
        public Task CreateEmailIdentityAsync(string emailIdentity, string? configurationSetName, CancellationToken ct) => throw new NotSupportedException();
        public Task PutEmailIdentityDkimSigningAttributesAsync(string emailIdentity, CancellationToken ct) => throw new NotSupportedException();
        public Task PutEmailIdentityMailFromAttributesAsync(string emailIdentity, string mailFromDomain, string behaviorOnMxFailure, CancellationToken ct) => throw new NotSupportedException();
        public Task PutEmailIdentityConfigurationSetAttributesAsync(string emailIdentity, string configurationSetName, CancellationToken ct) => throw new NotSupportedException();
        public Task<SesConfigurationSet> GetConfigurationSetAsync(string configurationSetName, CancellationToken ct) => throw new NotSupportedException();
        public Task CreateConfigurationSetAsync(string configurationSetName, CancellationToken ct) => throw new NotSupportedException();
    }
}
