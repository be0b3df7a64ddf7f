using ChangeMgmt.Core.Administration;
using ChangeMgmt.Core.Ports;
using static ChangeMgmt.Tests.Administration.AdminWorld;

namespace ChangeMgmt.Tests.Administration;

public sealed class TopicSyncTests : AdminWorldTests
{
    private IReadOnlyList<SesTopic> Configured => World.Lists.ConfiguredTopics();

    private static SesContactList Live(IEnumerable<SesTopic> topics) => new(ListName, "live", [.. topics]);

    private static SesTopic Legacy => new("legacy-news", "Legacy News", "Retired", SubscriptionStatus.OptIn);

    [Fact]
    public void A_list_with_exactly_the_configured_topics_is_in_sync()
    {
        var changes = TopicSync.Compare("acme", Live(Configured.Reverse()), Configured);

        Assert.Empty(changes);
    }

    [Fact]
    public void A_configured_topic_the_list_lacks_is_added()
    {
        var change = Assert.Single(TopicSync.Compare("acme", Live(Configured.Where(t => t.TopicName != "aws-calendar")), Configured));

        Assert.Equal(("aws-calendar", TopicChangeKind.Add), (change.TopicName, change.Change));
        Assert.Null(change.Live);
        Assert.Equal(Configured.Single(t => t.TopicName == "aws-calendar"), change.Configured);
        Assert.Equal(("acme", ListName), (change.CustomerCode, change.ContactListName));
        Assert.Equal("add topic aws-calendar (default OPT_OUT)", change.Description);
    }

    public static TheoryData<string, string> Drifts => new()
    {
        { "display name", "display name 'Old name' → 'Change Announcements'" },
        { "description", "description 'Old words' → 'What, why and when for approved changes'" },
        { "default", "default OPT_OUT → OPT_IN" },
    };

    [Theory]
    [MemberData(nameof(Drifts))]
    public void A_topic_that_differs_in_one_field_is_updated_and_the_field_is_named(string field, string expected)
    {
        var configured = Configured.Single(t => t.TopicName == "aws-announce");
        var drifted = field switch
        {
            "display name" => configured with { DisplayName = "Old name" },
            "description" => configured with { Description = "Old words" },
            _ => configured with { DefaultSubscriptionStatus = SubscriptionStatus.OptOut },
        };

        var change = Assert.Single(TopicSync.Compare("acme", Live(Configured.Select(t => t == configured ? drifted : t)), Configured));

        Assert.Equal(("aws-announce", TopicChangeKind.Update), (change.TopicName, change.Change));
        Assert.Equal((drifted, configured), (change.Live, change.Configured));
        Assert.Equal($"update topic aws-announce: {expected}", change.Description);
    }

    [Fact]
    public void A_live_topic_configuration_lacks_is_removed()
    {
        var change = Assert.Single(TopicSync.Compare("acme", Live([.. Configured, Legacy]), Configured));

        Assert.Equal(("legacy-news", TopicChangeKind.Remove), (change.TopicName, change.Change));
        Assert.Equal(Legacy, change.Live);
        Assert.Null(change.Configured);
    }

    [Fact]
    public async Task Apply_updates_the_list_in_place_and_backs_up_the_topics_it_removes()
    {
        var created = await World.CreateListAsync(Acme);
        var drifted = Configured.Where(t => t.TopicName != "general-updates")
            .Select(t => t.TopicName == "aws-announce" ? t with { DisplayName = "Announcements (old)" } : t)
            .Append(Legacy).ToList();
        await World.Account(Acme).UpdateContactListAsync(new SesContactList(ListName, created.Description, drifted), default);
        await World.AddAsync(Acme, "jane@acme.example", In("aws-approval"), Out("aws-announce"), In("legacy-news"));
        await World.AddAsync(Acme, "raj@acme.example", In("aws-calendar"));
        World.Clock.Advance(TimeSpan.FromMinutes(1));

        var plan = await World.Topics.PlanAsync(Acme, null, default);
        var backup = await World.Topics.ApplyAsync(Acme, plan, default);

        Assert.Equal(
            [("aws-announce", TopicChangeKind.Update), ("general-updates", TopicChangeKind.Add), ("legacy-news", TopicChangeKind.Remove)],
            plan.Changes.Select(c => (c.TopicName, c.Change)).Order());
        var live = await World.Lists.GetAsync(Acme, null, default);
        Assert.Equal(Configured, live.Topics);
        Assert.Equal(created.Description, live.Description);
        Assert.Equal(created.CreatedTimestamp, live.CreatedTimestamp);
        Assert.Equal(World.Clock.GetUtcNow(), live.LastUpdatedTimestamp);

        var jane = await World.Contacts().GetAsync(Acme, "jane@acme.example", default);
        Assert.Contains(In("aws-approval"), jane.TopicPreferences);
        Assert.Contains(Out("aws-announce"), jane.TopicPreferences);
        Assert.Equal(["aws-approval", "general-updates"], jane.SubscribedTopics.Order());
        Assert.Equal([In("aws-calendar")], (await World.Contacts().GetAsync(Acme, "raj@acme.example", default)).TopicPreferences);

        Assert.NotNull(backup);
        Assert.Equal([backup.Path], World.BackupFiles());
        var saved = ContactListBackup.Read(backup.Path);
        Assert.Equal(drifted, saved.ContactList.Topics);
        Assert.Equal("before Sync-SesTopic", saved.Reason);
        Assert.Contains(In("legacy-news"), saved.Contacts.Single(c => c.EmailAddress == "jane@acme.example").TopicPreferences);
    }

    [Fact]
    public async Task A_plan_that_only_adds_and_updates_takes_no_backup_and_then_the_list_is_in_sync()
    {
        var created = await World.CreateListAsync(Acme);
        var drifted = Configured.Where(t => t.TopicName != "finops-announce")
            .Select(t => t.TopicName == "aws-approval" ? t with { DefaultSubscriptionStatus = SubscriptionStatus.OptIn } : t).ToList();
        await World.Account(Acme).UpdateContactListAsync(new SesContactList(ListName, created.Description, drifted), default);

        var plan = await World.Topics.PlanAsync(Acme, ListName, default);
        var backup = await World.Topics.ApplyAsync(Acme, plan, default);

        Assert.False(plan.RemovesTopics);
        Assert.Equal(2, plan.Changes.Count);
        Assert.Null(backup);
        Assert.Empty(World.BackupFiles());
        var again = await World.Topics.PlanAsync(Acme, null, default);
        Assert.True(again.InSync);
        Assert.Null(await World.Topics.ApplyAsync(Acme, again, default));
        Assert.Equal(Configured, (await World.Lists.GetAsync(Acme, null, default)).Topics);
    }
}
