using ChangeMgmt.Core.Announcements;
using ChangeMgmt.Core.Changes;
using ChangeMgmt.Core.Ports;
using ChangeMgmt.Core.Reminders;
using ChangeMgmt.Core.Scheduling;
using ChangeMgmt.Testing;
using ChangeMgmt.Tests.Ports;
using Xunit;

namespace ChangeMgmt.Tests.Announcements;

/// <summary>publishAt: an approved announcement is published by the sweep once its time has come, exactly then and once.</summary>
public sealed class AnnouncementScheduleTests
{
    private const string Jane = "jane@msp.example";
    private const string Omar = "omar@msp.example";

    private readonly InterceptingObjectStore store = new(new InMemoryObjectStore());
    private readonly ManualClock clock = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
    private readonly AnnouncementService service;

    public AnnouncementScheduleTests() => service = new(store, AnnouncementServiceTests.Config, clock);

    private async Task<Announcement> ApprovedForLaterAsync(TimeSpan ahead, params string[] customers)
    {
        var draft = await service.CreateAsync(AnnouncementServiceTests.Complete("finops", customers) with { PublishAt = clock.GetUtcNow() + ahead }, Jane, default);
        var submitted = (await service.ApplyAsync(draft.AnnouncementId, AnnouncementAction.Submit, Jane, draft.Version, ChangeActionRequest.None, default)).Announcement;
        return (await service.ApplyAsync(submitted.AnnouncementId, AnnouncementAction.Approve, Omar, submitted.Version, ChangeActionRequest.None, default)).Announcement;
    }

    private async Task<Dictionary<string, AnnouncementStatus>> TriggersAsync(string id)
    {
        var found = new Dictionary<string, AnnouncementStatus>();
        await foreach (var key in store.ListAllKeysAsync(StorageLayout.CustomersPrefix, default))
            if (key.EndsWith($"/{id}.json", StringComparison.Ordinal) && await store.GetAsync(key, default) is { } stored)
                found[key.Split('/')[1]] = AnnouncementJson.Deserialize(stored.Content, key).Status;
        return found;
    }

    private Task<List<string>> ScheduleKeysAsync() => store.ListAllKeysAsync(Schedule.Prefix, default).ToListAsync().AsTask();

    [Fact]
    public async Task One_listing_of_the_due_schedule_serves_both_its_owners_announcements_and_change_reminders()
    {
        await ApprovedForLaterAsync(TimeSpan.FromHours(1), "acme");
        await new Schedule(store).AddAsync(new ScheduledItem(clock.GetUtcNow() + TimeSpan.FromMinutes(30), ChangeReminders.KindOf(ChangeMoment.Started), "CHG-gone", 3), default);
        var changes = new ChangeService(store, new Core.Configuration.ChangeMgmtConfig(), clock);
        clock.Advance(TimeSpan.FromHours(1));
        store.ListPrefixes.Clear();

        var due = await new Schedule(store).ListDueAsync(clock.GetUtcNow(), default);
        Assert.Equal(1, await service.PublishDueAsync(due, default));
        Assert.Equal(0, await changes.SendDueRemindersAsync(due, default)); // its change is gone: removed unsent

        Assert.Single(store.ListPrefixes, Schedule.Prefix);
        Assert.Empty(await ScheduleKeysAsync());
    }

    [Fact]
    public async Task An_approval_ahead_of_its_publish_time_is_sent_by_the_first_sweep_after_it_and_only_once()
    {
        var approved = await ApprovedForLaterAsync(TimeSpan.FromHours(2), "acme", "globex");
        Assert.Single(await ScheduleKeysAsync());

        clock.Advance(TimeSpan.FromHours(2) - TimeSpan.FromSeconds(1));
        Assert.Equal(0, await service.PublishDueAsync(default));
        Assert.All((await TriggersAsync(approved.AnnouncementId)).Values, s => Assert.Equal(AnnouncementStatus.Submitted, s));

        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, await service.PublishDueAsync(default));
        var triggers = await TriggersAsync(approved.AnnouncementId);
        Assert.Equal(["acme", "globex"], triggers.Keys.Order());
        Assert.All(triggers.Values, s => Assert.Equal(AnnouncementStatus.Approved, s));
        Assert.Empty(await ScheduleKeysAsync());

        Assert.Equal(0, await service.PublishDueAsync(default));
    }

    [Fact]
    public async Task A_scheduled_announcement_cancelled_before_its_time_is_never_published()
    {
        var approved = await ApprovedForLaterAsync(TimeSpan.FromHours(1), "acme");
        await service.ApplyAsync(approved.AnnouncementId, AnnouncementAction.Cancel, Omar, approved.Version, ChangeActionRequest.None, default);

        clock.Advance(TimeSpan.FromHours(2));

        Assert.Equal(0, await service.PublishDueAsync(default));
        Assert.Equal(AnnouncementStatus.Cancelled, (await TriggersAsync(approved.AnnouncementId))["acme"]);
        Assert.Empty(await ScheduleKeysAsync());
    }

    [Fact]
    public async Task The_sweep_reads_only_what_is_due_and_publishes_in_due_order()
    {
        var later = await ApprovedForLaterAsync(TimeSpan.FromDays(3), "initech");
        var sooner = await ApprovedForLaterAsync(TimeSpan.FromHours(1), "acme");
        store.GetKeys.Clear();

        clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(1, await service.PublishDueAsync(default));

        Assert.Contains(store.GetKeys, k => k.Contains(sooner.AnnouncementId, StringComparison.Ordinal));
        Assert.DoesNotContain(store.GetKeys, k => k.Contains(later.AnnouncementId, StringComparison.Ordinal));
        Assert.Equal(AnnouncementStatus.Approved, (await TriggersAsync(sooner.AnnouncementId))["acme"]);
        Assert.Equal(AnnouncementStatus.Submitted, (await TriggersAsync(later.AnnouncementId))["initech"]);
    }

    [Fact]
    public async Task A_customer_whose_trigger_failed_at_publish_is_retried_and_the_others_are_not_held_back()
    {
        var approved = await ApprovedForLaterAsync(TimeSpan.FromMinutes(30), "acme", "globex");
        store.BeforePut = (key, _) => key == AnnouncementKeys.CustomerTrigger("globex", approved.AnnouncementId)
            ? throw new IOException("globex bucket prefix refused the write") : Task.CompletedTask;
        clock.Advance(TimeSpan.FromMinutes(30));

        Assert.Equal(1, await service.PublishDueAsync(default));
        Assert.Equal(AnnouncementStatus.Approved, (await TriggersAsync(approved.AnnouncementId))["acme"]);
        Assert.Equal(AnnouncementStatus.Submitted, (await TriggersAsync(approved.AnnouncementId))["globex"]);

        store.BeforePut = null;
        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(1, await service.RetryFailedTriggersAsync(default));
        Assert.Equal(AnnouncementStatus.Approved, (await TriggersAsync(approved.AnnouncementId))["globex"]);
        Assert.Null(await TriggerFailures.FindAsync(store, approved.AnnouncementId, "globex", default));
    }

    [Theory]
    [InlineData("schedule/20261201T090000Z/announcement-publish/ANN-20261201-ABC123.v4.json", true)]
    [InlineData("schedule/not-a-time/announcement-publish/ANN-20261201-ABC123.v4.json", false)]
    [InlineData("schedule/20261201T090000Z/ANN-20261201-ABC123.v4.json", false)]
    [InlineData("schedule/20261201T090000Z/announcement-publish/ANN-20261201-ABC123.json", false)]
    public void Schedule_keys_round_trip_and_foreign_keys_are_skipped(string key, bool ours)
    {
        var item = Schedule.TryParse(key);
        Assert.Equal(ours, item is not null);
        if (item is not null) Assert.Equal(key, Schedule.Key(item));
    }
}
