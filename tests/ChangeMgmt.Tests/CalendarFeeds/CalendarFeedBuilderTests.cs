using System.Text;
using ChangeMgmt.Core.Announcements;
using ChangeMgmt.Core.CalendarFeeds;
using ChangeMgmt.Core.Changes;
using ChangeMgmt.Core.Configuration;
using ChangeMgmt.Local;
using ChangeMgmt.Tests.Ports;
using Ical.Net;

namespace ChangeMgmt.Tests.CalendarFeeds;

/// <summary>Feeds built from the local store and read back by Ical.Net, as a calendar app reads them.</summary>
public sealed class CalendarFeedBuilderTests : IDisposable
{
    private const string Tricky = "Rotate certs, ingress; path C:\\tls — Zürich 東京 ✓ and a title long enough to be folded at least once\nsecond line";

    private static readonly ChangeMgmtConfig Config = new()
    {
        CustomerMappings = new(StringComparer.Ordinal)
        {
            ["acme"] = new() { CustomerCode = "acme" },
            ["globex"] = new() { CustomerCode = "globex" },
        },
        EmailConfig = new() { SenderAddress = "changes@msp.example", PortalBaseUrl = "https://changes.msp.example" },
    };

    private readonly TempDirectory temp = new();
    private readonly LocalDatabase database;
    private readonly ManualClock clock = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
    private readonly ChangeService changes;
    private readonly AnnouncementService announcements;
    private readonly CalendarFeedBuilder builder;

    public CalendarFeedBuilderTests()
    {
        database = new LocalDatabase(temp.File("changemgmt.db"));
        var store = new LocalObjectStore(database, "msp-change-metadata-example", new LocalChangeQueue(database, time: clock), time: clock);
        changes = new ChangeService(store, Config, clock);
        announcements = new AnnouncementService(store, Config, clock);
        builder = new CalendarFeedBuilder(changes, announcements, Config, clock);
    }

    public void Dispose()
    {
        database.Dispose();
        temp.Dispose();
    }

    private static Change Window(string title, DateTimeOffset start, params string[] customers) => new()
    {
        ChangeTitle = title,
        Customers = [.. customers],
        ChangeReason = "Certificates expire.",
        ImplementationPlan = "Import, switch, verify.",
        TestPlan = "Synthetic checks.",
        CustomerImpact = "None expected.",
        RollbackPlan = "Switch back.",
        ImplementationStart = start,
        ImplementationEnd = start.AddHours(2),
        Timezone = "Europe/London",
    };

    private async Task<Change> SubmittedAsync(Change change)
    {
        var draft = await changes.CreateAsync(change, "alice", default);
        return (await changes.ApplyAsync(draft.ChangeId, ChangeAction.Submit, "alice", 1, ChangeActionRequest.None, default)).Change;
    }

    private Task<Change> ApplyAsync(Change change, ChangeAction action) =>
        changes.ApplyAsync(change.ChangeId, action, "bob", change.Version, ChangeActionRequest.None, default).ContinueWith(t => t.Result.Change);

    private async Task<(string Text, Ical.Net.Calendar Calendar)> FeedAsync(FeedScope scope)
    {
        var text = await builder.BuildAsync(scope, default);
        return (text, Ical.Net.Calendar.Load(text)!);
    }

    private static readonly DateTimeOffset Soon = new(2026, 12, 10, 22, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task The_feed_is_a_published_calendar_with_one_event_per_change_identified_by_the_invites_UID()
    {
        var change = await SubmittedAsync(Window("Patch", Soon, "acme"));

        var (text, calendar) = await FeedAsync(FeedScope.All);

        Assert.Equal("PUBLISH", calendar.Method);
        Assert.Contains("X-WR-CALNAME:Changes: all customers\r\n", text);
        Assert.Contains("REFRESH-INTERVAL;VALUE=DURATION:PT1H\r\n", text);
        Assert.Contains("X-PUBLISHED-TTL:PT1H\r\n", text);
        var item = Assert.Single(calendar.Events);
        Assert.Equal($"{change.ChangeId}@changemgmt", item.Uid);
        Assert.Equal(Soon, item.DtStart!.AsUtc);
        Assert.Equal(Soon.AddHours(2), item.DtEnd!.AsUtc);
        Assert.Equal("TENTATIVE", item.Status);
        Assert.Equal(new Uri($"https://changes.msp.example/detail.html?id={change.ChangeId}"), item.Url);
        Assert.Contains("Status: submitted", item.Description);
    }

    [Fact]
    public async Task An_edit_raises_SEQUENCE_approval_confirms_and_a_cancellation_marks_the_same_event_cancelled()
    {
        var submitted = await SubmittedAsync(Window("Patch", Soon, "acme"));
        var first = Assert.Single((await FeedAsync(FeedScope.All)).Calendar.Events);
        var edited = (await changes.UpdateAsync(submitted.ChangeId, submitted.Version, submitted with { ChangeTitle = "Patch, edited" }, "alice", default)).Change;
        var second = Assert.Single((await FeedAsync(FeedScope.All)).Calendar.Events);
        var approved = await ApplyAsync(edited, ChangeAction.Approve);
        var third = Assert.Single((await FeedAsync(FeedScope.All)).Calendar.Events);
        await ApplyAsync(approved, ChangeAction.Cancel);
        var cancelled = Assert.Single((await FeedAsync(FeedScope.All)).Calendar.Events);

        Assert.All(new[] { second.Uid, third.Uid, cancelled.Uid }, uid => Assert.Equal(first.Uid, uid));
        Assert.True(first.Sequence < second.Sequence && second.Sequence < third.Sequence && third.Sequence < cancelled.Sequence,
            $"{first.Sequence} {second.Sequence} {third.Sequence} {cancelled.Sequence}");
        Assert.Equal(edited.Version, second.Sequence);
        Assert.Contains("Patch, edited", second.Summary);
        Assert.Equal(("TENTATIVE", "CONFIRMED", "CANCELLED"), (second.Status, third.Status, cancelled.Status));
        Assert.StartsWith("Cancelled: ", cancelled.Summary);
    }

    [Fact]
    public async Task A_customers_feed_shows_only_its_changes_and_never_another_customers_code()
    {
        var shared = await SubmittedAsync(Window("Shared ingress", Soon, "acme", "globex"));
        var theirs = await SubmittedAsync(Window("Their database", Soon.AddDays(1), "globex"));

        var (acmeText, acme) = await FeedAsync(FeedScope.ForCustomer("acme"));
        var (_, all) = await FeedAsync(FeedScope.All);

        var only = Assert.Single(acme.Events);
        Assert.Equal($"{shared.ChangeId} Shared ingress (acme)", only.Summary);
        Assert.DoesNotContain("globex", acmeText, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(theirs.ChangeId, acmeText);
        Assert.Equal([$"{shared.ChangeId} Shared ingress (acme, globex)", $"{theirs.ChangeId} Their database (globex)"],
            all.Events.Select(e => e.Summary));
    }

    [Fact]
    public async Task Drafts_and_changes_outside_the_window_are_left_out()
    {
        await changes.CreateAsync(Window("Still a draft", Soon, "acme"), "alice", default);
        var soon = $"{(await SubmittedAsync(Window("Soon", Soon, "acme"))).ChangeId}@changemgmt";
        var late = $"{(await SubmittedAsync(Window("Too far ahead", clock.GetUtcNow() + CalendarFeedBuilder.Ahead + TimeSpan.FromDays(2), "acme"))).ChangeId}@changemgmt";

        var now = (await FeedAsync(FeedScope.ForCustomer("acme"))).Calendar.Events.Select(e => e.Uid).ToList();
        clock.Advance(CalendarFeedBuilder.Past + TimeSpan.FromDays(20));
        var later = (await FeedAsync(FeedScope.ForCustomer("acme"))).Calendar.Events.Select(e => e.Uid).ToList();

        Assert.Equal([soon], now);
        Assert.Equal([late], later); // "Soon" ended more than 90 days ago; "Too far ahead" is now less than 400 days ahead
    }

    [Fact]
    public async Task Escaped_and_folded_text_reads_back_unchanged_and_no_line_exceeds_75_octets()
    {
        var change = await SubmittedAsync(Window(Tricky, Soon, "acme"));

        var (text, calendar) = await FeedAsync(FeedScope.ForCustomer("acme"));

        var item = Assert.Single(calendar.Events);
        Assert.Equal($"{change.ChangeId} {Tricky} (acme)", item.Summary);
        Assert.StartsWith($"{change.ChangeId} {Tricky}\nStatus: submitted", item.Description);
        var lines = text.Split("\r\n");
        Assert.All(lines, line => Assert.True(Encoding.UTF8.GetByteCount(line) <= 75, line));
        Assert.Contains(lines, line => line.StartsWith(' '));
        Assert.Contains(@"ingress\; path C:\\tls", text.Replace("\r\n ", ""));
        Assert.Contains(@"Rotate certs\, ingress", text.Replace("\r\n ", ""));
    }

    [Fact]
    public async Task An_announcements_event_is_in_its_customers_feed_and_not_in_anothers()
    {
        var draft = await announcements.CreateAsync(new Announcement
        {
            AnnouncementType = "finops", Title = "Quarterly cost review", Summary = "Your Q4 numbers.", Content = "Costs fell.",
            Customers = ["acme"], IncludeMeeting = true, MeetingDate = "2026-12-12T15:00:00Z", MeetingTimezone = "Europe/London",
            MeetingDuration = 45, MeetingLocation = "Teams",
        }, "alice", default);
        await announcements.ApplyAsync(draft.AnnouncementId, AnnouncementAction.Submit, "alice", draft.Version, ChangeActionRequest.None, default);

        var acme = (await FeedAsync(FeedScope.ForCustomer("acme"))).Calendar;
        var globex = (await FeedAsync(FeedScope.ForCustomer("globex"))).Calendar;

        var item = Assert.Single(acme.Events);
        Assert.Equal($"{draft.AnnouncementId}@changemgmt", item.Uid);
        Assert.Equal(("Quarterly cost review (acme)", "Teams", "TENTATIVE"), (item.Summary, item.Location, item.Status));
        Assert.Equal(new DateTimeOffset(2026, 12, 12, 15, 45, 0, TimeSpan.Zero), item.DtEnd!.AsUtc);
        Assert.Empty(globex.Events);
    }

    [Fact]
    public async Task The_same_state_gives_the_same_feed()
    {
        await SubmittedAsync(Window("Patch", Soon, "acme"));

        var first = await builder.BuildAsync(FeedScope.All, default);
        clock.Advance(TimeSpan.FromMinutes(30));

        Assert.Equal(first, await builder.BuildAsync(FeedScope.All, default));
    }
}
