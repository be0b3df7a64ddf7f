using ChangeMgmt.Core.Administration;
using ChangeMgmt.Core.Errors;
using ChangeMgmt.Core.Ports;
using static ChangeMgmt.Tests.Administration.AdminWorld;

namespace ChangeMgmt.Tests.Administration;

public sealed class ContactServiceTests : AdminWorldTests
{
    private readonly ContactService contacts;

    public ContactServiceTests() => contacts = World.Contacts();

    private async Task<IReadOnlyList<string>> ListAsync(ContactFilter? filter) =>
        [.. (await contacts.ListAsync(Acme, filter, default).ToListAsync()).Select(c => c.EmailAddress)];

    private static void AssertUnknownTopic(ServiceException ex, string topic)
    {
        Assert.Equal((ServiceErrorKind.Validation, "UnknownTopic", "acme"), (ex.Kind, ex.ErrorCode, ex.CustomerCode));
        Assert.Contains($"has no topic {topic}", ex.Message);
    }

    [Fact]
    public async Task Adding_a_contact_with_a_topic_the_list_lacks_is_refused_and_creates_nothing()
    {
        await World.CreateListAsync(Acme);

        var ex = await Assert.ThrowsAsync<ServiceException>(() =>
            contacts.AddAsync(Acme, "jane@acme.example", [In("aws-announce"), In("aws-outages")], false, default));

        AssertUnknownTopic(ex, "aws-outages");
        Assert.Empty((await World.StateAsync(Acme)).Contacts);
    }

    [Fact]
    public async Task A_failed_read_of_the_list_is_not_remembered_by_the_service()
    {
        await World.CreateListAsync(Acme);
        var throttledOnce = new FailingAccounts(World.Adapters.SesAccounts, nameof(ISesAccount.GetContactListAsync),
            new ServiceException(ServiceErrorKind.Throttled, "Rate exceeded", "acme", errorCode: "TooManyRequestsException"), times: 1);
        var service = new ContactService(throttledOnce);

        var first = await Assert.ThrowsAsync<ServiceException>(() => service.AddAsync(Acme, "first@acme.example", [], false, default));
        Assert.Equal(ServiceErrorKind.Throttled, first.Kind);
        var second = await Record.ExceptionAsync(() => service.AddAsync(Acme, "second@acme.example", [], false, default));

        Assert.Null(second);
        Assert.Equal(["second@acme.example|False|"], (await World.StateAsync(Acme)).Contacts);
    }

    [Fact]
    public async Task Subscribed_topics_follow_defaults_then_own_preferences_and_none_when_unsubscribed_from_all()
    {
        await World.CreateListAsync(Acme);

        var plain = await contacts.AddAsync(Acme, "plain@acme.example", [], false, default);
        var own = await contacts.AddAsync(Acme, "own@acme.example", [Out("general-updates"), In("aws-calendar")], false, default);
        var gone = await contacts.AddAsync(Acme, "gone@acme.example", [In("aws-calendar"), In("aws-approval")], true, default);

        Assert.Equal(["aws-announce", "general-updates"], plain.SubscribedTopics.Order());
        Assert.Equal(["aws-announce", "aws-calendar"], own.SubscribedTopics.Order());
        Assert.Equal([Out("general-updates"), In("aws-calendar")], own.TopicPreferences);
        Assert.Empty(gone.SubscribedTopics);
        Assert.True(gone.UnsubscribeAll);
        Assert.Equal(("acme", ListName), (gone.CustomerCode, gone.ContactListName));
    }

    [Fact]
    public async Task Setting_a_subscription_changes_only_the_named_topics_and_keeps_unsubscribe_all_unless_given()
    {
        await World.CreateListAsync(Acme);
        await contacts.AddAsync(Acme, "jane@acme.example", [In("aws-approval"), Out("aws-announce")], true, default);

        var kept = await contacts.SetSubscriptionAsync(Acme, "jane@acme.example", ["aws-announce", "aws-calendar"], SubscriptionStatus.OptIn, null, false, default);
        var resubscribed = await contacts.SetSubscriptionAsync(Acme, "jane@acme.example", ["aws-approval"], SubscriptionStatus.OptOut, false, false, default);

        Assert.Equal([In("aws-approval"), In("aws-announce"), In("aws-calendar")], kept.TopicPreferences);
        Assert.True(kept.UnsubscribeAll);
        Assert.Empty(kept.SubscribedTopics);
        Assert.Equal([In("aws-announce"), Out("aws-approval"), In("aws-calendar")], resubscribed.TopicPreferences.OrderBy(p => p.TopicName));
        Assert.False(resubscribed.UnsubscribeAll);
        Assert.Equal(["aws-announce", "aws-calendar", "general-updates"], resubscribed.SubscribedTopics.Order());
    }

    [Fact]
    public async Task Setting_a_subscription_of_a_missing_contact_is_not_found_unless_add_missing_creates_it()
    {
        await World.CreateListAsync(Acme);

        var ex = await Assert.ThrowsAsync<ServiceException>(() =>
            contacts.SetSubscriptionAsync(Acme, "new@acme.example", ["aws-approval"], SubscriptionStatus.OptIn, null, false, default));
        Assert.Equal(ServiceErrorKind.NotFound, ex.Kind);
        Assert.Contains("-AddMissing", ex.Message);
        Assert.Empty((await World.StateAsync(Acme)).Contacts);

        var added = await contacts.SetSubscriptionAsync(Acme, "new@acme.example", ["aws-approval"], SubscriptionStatus.OptIn, null, true, default);

        Assert.Equal(["new@acme.example|False|aws-approval=OptIn"], (await World.StateAsync(Acme)).Contacts);
        Assert.Equal(["aws-announce", "aws-approval", "general-updates"], added.SubscribedTopics.Order());
    }

    [Fact]
    public async Task Setting_a_topic_the_list_lacks_is_refused_and_leaves_the_contact_as_it_was()
    {
        await World.CreateListAsync(Acme);
        await World.AddAsync(Acme, "jane@acme.example", In("aws-approval"));
        var before = await World.StateAsync(Acme);

        var ex = await Assert.ThrowsAsync<ServiceException>(() =>
            contacts.SetSubscriptionAsync(Acme, "jane@acme.example", ["aws-approval", "aws-outages"], SubscriptionStatus.OptOut, true, true, default));

        AssertUnknownTopic(ex, "aws-outages");
        ListState.Equal(before, await World.StateAsync(Acme));
    }

    [Fact]
    public async Task A_filter_on_topic_and_status_counts_defaults_own_preferences_and_unsubscribe_all()
    {
        await World.CreateListAsync(Acme);
        await World.AddAsync(Acme, "a-out@acme.example", Out("aws-announce"));
        await World.AddAsync(Acme, "b-in@acme.example", In("aws-announce"));
        await World.AddAsync(Acme, "c-default@acme.example", In("aws-approval"));
        await World.Account(Acme).CreateContactAsync(ListName, new SesContact("d-all@acme.example", [In("aws-announce")], UnsubscribeAll: true), default);

        Assert.Equal(["b-in@acme.example", "c-default@acme.example"], await ListAsync(new(SubscriptionStatus.OptIn, "aws-announce")));
        Assert.Equal(["a-out@acme.example", "d-all@acme.example"], await ListAsync(new(SubscriptionStatus.OptOut, "aws-announce")));
        Assert.Equal(["c-default@acme.example"], await ListAsync(new(SubscriptionStatus.OptIn, "aws-approval")));
        AssertUnknownTopic(await Assert.ThrowsAsync<ServiceException>(() => ListAsync(new(SubscriptionStatus.OptIn, "aws-outages"))), "aws-outages");
    }

    [Fact]
    public async Task Listing_more_than_a_page_returns_every_contact_exactly_once_with_and_without_a_filter()
    {
        const int Count = 2345;
        await World.CreateListAsync(Acme);
        static string Email(int i) => $"p{i:D4}@acme.example";
        await Task.WhenAll(Enumerable.Range(0, Count).Select(i =>
            World.AddAsync(Acme, Email(i), i % 3 == 0 ? Out("aws-announce") : In("aws-calendar"))));

        var all = await ListAsync(null);
        var optedOut = await ListAsync(new(SubscriptionStatus.OptOut, "aws-announce"));

        Assert.Equal(Enumerable.Range(0, Count).Select(Email), all.Order(StringComparer.Ordinal));
        Assert.Equal(Enumerable.Range(0, Count).Where(i => i % 3 == 0).Select(Email), optedOut.Order(StringComparer.Ordinal));
    }
}
