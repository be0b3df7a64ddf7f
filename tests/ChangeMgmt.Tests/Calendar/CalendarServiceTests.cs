using ChangeMgmt.Core.Announcements;
using ChangeMgmt.Core.Calendar;
using ChangeMgmt.Core.Changes;
using ChangeMgmt.Core.Freezes;
using ChangeMgmt.Tests.Announcements;
using ChangeMgmt.Testing;
using ChangeMgmt.Tests.Ports;
using static ChangeMgmt.Tests.Freezes.Freezes;

namespace ChangeMgmt.Tests.Calendar;

/// <summary>A calendar range from the indexes on a real (in-memory) bucket: edges, filters, scope, recurring freezes.</summary>
public sealed class CalendarServiceTests
{
    private static readonly DateTimeOffset December = Utc(2026, 12, 1);
    private static readonly DateTimeOffset January = Utc(2027, 1, 1);

    private readonly InterceptingObjectStore store = new(new InMemoryObjectStore());
    private readonly ObjectStoreChangeIndex changes;
    private readonly AnnouncementIndex announcements;
    private readonly FreezeService freezes;
    private readonly CalendarService calendar;

    public CalendarServiceTests()
    {
        changes = new(store);
        announcements = new(store);
        freezes = new(store, AnnouncementServiceTests.Config, new ManualClock(Utc(2026, 11, 1)));
        calendar = new(changes, announcements, freezes);
    }

    private static ChangeSummary Change(string id, DateTimeOffset start, DateTimeOffset end, ChangeStatus status = ChangeStatus.Approved, params string[] customers) =>
        new(id, $"Change {id}", status, 1, customers.Length == 0 ? ["acme"] : customers, Utc(2026, 11, 1), "ed", Utc(2026, 11, 1), start, end, null, null, Timezone: "Europe/London");

    private Task<CalendarView> DecemberAsync(string? customer = null, ChangeStatus? status = null, IReadOnlySet<string>? scope = null) =>
        calendar.QueryAsync(new CalendarQuery(December, January, customer, status, scope), default);

    [Fact]
    public async Task A_change_touching_an_edge_of_the_range_is_in_it_only_when_it_overlaps()
    {
        await changes.UpsertAsync(Change("CHG-A", Utc(2026, 11, 30, 22), Utc(2026, 12, 1)), default); // ends as the range starts
        await changes.UpsertAsync(Change("CHG-B", Utc(2026, 11, 30, 22), Utc(2026, 12, 1, 0, 1)), default); // runs into it
        await changes.UpsertAsync(Change("CHG-C", Utc(2026, 12, 31, 23, 59), Utc(2027, 1, 1, 2)), default); // starts in its last minute
        await changes.UpsertAsync(Change("CHG-D", Utc(2027, 1, 1), Utc(2027, 1, 1, 2)), default); // starts as it ends
        await changes.UpsertAsync(Change("CHG-E", Utc(2026, 11, 20), Utc(2027, 1, 20)), default); // spans it

        var view = await DecemberAsync();

        Assert.Equal(["CHG-E", "CHG-B", "CHG-C"], view.Changes.Select(c => c.ChangeId));
        Assert.Equal((December, January), (view.From, view.To));
    }

    [Fact]
    public async Task The_status_and_customer_filters_and_a_scope_keep_only_matching_entries_naming_only_the_scope_customers()
    {
        await changes.UpsertAsync(Change("CHG-A", Utc(2026, 12, 3), Utc(2026, 12, 3, 2), ChangeStatus.Approved, "acme", "globex"), default);
        await changes.UpsertAsync(Change("CHG-B", Utc(2026, 12, 4), Utc(2026, 12, 4, 2), ChangeStatus.Submitted, "globex"), default);
        await changes.UpsertAsync(Change("CHG-C", Utc(2026, 12, 5), Utc(2026, 12, 5, 2), ChangeStatus.Approved, "initech"), default);

        Assert.Equal(["CHG-A", "CHG-C"], (await DecemberAsync(status: ChangeStatus.Approved)).Changes.Select(c => c.ChangeId));
        Assert.Equal(["CHG-A", "CHG-B"], (await DecemberAsync(customer: "globex")).Changes.Select(c => c.ChangeId));
        var scoped = await DecemberAsync(scope: new HashSet<string> { "acme" });
        var only = Assert.Single(scoped.Changes);
        Assert.Equal("CHG-A", only.ChangeId);
        Assert.Equal(["acme"], only.Customers);
    }

    [Fact]
    public async Task An_emergency_change_says_so_and_others_leave_it_out()
    {
        await changes.UpsertAsync(Change("CHG-A", Utc(2026, 12, 3), Utc(2026, 12, 3, 2)) with { Emergency = true }, default);
        await changes.UpsertAsync(Change("CHG-B", Utc(2026, 12, 4), Utc(2026, 12, 4, 2)), default);

        Assert.Equal([true, null], (await DecemberAsync()).Changes.Select(c => c.Emergency));
    }

    [Fact]
    public async Task Changes_are_read_from_the_index_across_pages_without_reading_a_change()
    {
        for (var i = 0; i < 450; i++)
            await changes.UpsertAsync(Change($"CHG-{i:D4}", Utc(2026, 12, 1 + i % 30, i % 24), Utc(2026, 12, 1 + i % 30, i % 24, 30)), default);
        store.GetKeys.Clear();

        var view = await DecemberAsync();

        Assert.Equal(450, view.Changes.Count);
        Assert.DoesNotContain(store.GetKeys, k => k.StartsWith(StorageLayout.ArchivePrefix, StringComparison.Ordinal) || k.StartsWith(StorageLayout.DraftsPrefix, StringComparison.Ordinal));
        Assert.Contains(store.GetKeys, k => k.StartsWith(ObjectStoreChangeIndex.Prefix, StringComparison.Ordinal));
        Assert.Equal(view.Changes.OrderBy(c => c.ImplementationStart).Select(c => c.ChangeId), view.Changes.Select(c => c.ChangeId));
    }

    [Fact]
    public async Task Announcement_events_in_the_range_are_shown_with_their_zone_and_others_are_not()
    {
        await announcements.UpsertAsync(Summary("ANN-1", Utc(2026, 12, 10, 15), Utc(2026, 12, 10, 16), "acme"), default);
        await announcements.UpsertAsync(Summary("ANN-2", Utc(2027, 1, 10, 15), Utc(2027, 1, 10, 16), "acme"), default);
        await announcements.UpsertAsync(Summary("ANN-3", null, null, "acme"), default);
        await announcements.UpsertAsync(Summary("ANN-4", Utc(2026, 12, 11, 15), Utc(2026, 12, 11, 16), "globex"), default);

        var shown = Assert.Single((await DecemberAsync(scope: new HashSet<string> { "acme" })).Announcements);

        Assert.Equal(new CalendarAnnouncement("ANN-1", "Title ANN-1", AnnouncementStatus.Approved, shown.Customers, Utc(2026, 12, 10, 15), Utc(2026, 12, 10, 16), "America/New_York"), shown);
        Assert.Equal(["acme"], shown.Customers);
        Assert.Empty((await DecemberAsync(status: ChangeStatus.Completed)).Announcements);
    }

    [Fact]
    public void An_announcements_index_entry_carries_its_event()
    {
        var announcement = new Announcement
        {
            AnnouncementId = "ANN-20261201-ABCDEF", Customers = ["acme"], IncludeMeeting = true, MeetingDate = "2026-12-10T10:00:00",
            MeetingTimezone = "America/New_York", MeetingDuration = 90,
        };

        var summary = AnnouncementSummary.From(announcement);

        Assert.Equal((Utc(2026, 12, 10, 15), Utc(2026, 12, 10, 16, 30), "America/New_York"), (summary.EventStart, summary.EventEnd, summary.EventTimezone));
    }

    [Fact]
    public async Task A_recurring_freeze_gives_each_occurrence_in_the_range_and_a_scope_sees_global_and_its_own_freezes()
    {
        var weekly = await freezes.AddAsync(Timed(Utc(2026, 11, 6, 22), Utc(2026, 11, 7, 6), "Europe/London", "FREQ=WEEKLY;BYDAY=FR", "acme"), "admin", default);
        var global = await freezes.AddAsync(AllDay(new(2026, 12, 24), new(2026, 12, 26), "UTC"), "admin", default);
        await freezes.AddAsync(Timed(Utc(2026, 12, 2), Utc(2026, 12, 3), customers: "globex"), "admin", default);

        var view = await DecemberAsync(scope: new HashSet<string> { "acme" });

        Assert.Equal([Utc(2026, 12, 4, 22), Utc(2026, 12, 11, 22), Utc(2026, 12, 18, 22), Utc(2026, 12, 25, 22)],
            view.Freezes.Where(f => f.FreezeId == weekly.FreezeId).Select(f => f.Start));
        var yearEnd = Assert.Single(view.Freezes, f => f.FreezeId == global.FreezeId);
        Assert.Equal((Utc(2026, 12, 24), Utc(2026, 12, 27), true, 0), (yearEnd.Start, yearEnd.End, yearEnd.AllDay, yearEnd.Customers.Count));
        Assert.Equal(5, view.Freezes.Count);
        Assert.Equal(6, (await DecemberAsync()).Freezes.Count);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(63)]
    public async Task An_empty_reversed_or_longer_than_62_day_range_is_refused_naming_to(int days)
    {
        var refused = await Assert.ThrowsAsync<ChangeValidationException>(() => calendar.QueryAsync(new CalendarQuery(December, December.AddDays(days)), default));

        Assert.Equal("to", Assert.Single(refused.Errors).Field);
    }

    private static AnnouncementSummary Summary(string id, DateTimeOffset? start, DateTimeOffset? end, string customer) =>
        new(id, "general", $"Title {id}", "Summary", AnnouncementStatus.Approved, [customer], 1, Utc(2026, 11, 1), "ed", Utc(2026, 11, 1), null, false,
            start, end, start is null ? null : "America/New_York");
}
