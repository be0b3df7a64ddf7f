using ChangeMgmt.Core.Announcements;
using ChangeMgmt.Core.Changes;
using ChangeMgmt.Core.Configuration;
using ChangeMgmt.Core.Rendering;

namespace ChangeMgmt.Core.CalendarFeeds;

/// <summary>
/// A subscribable calendar (RFC 5545, METHOD:PUBLISH) of the changes and announcement events a scope shows whose
/// window overlaps [now − 90 days, now + 400 days]: changes found through the change index, never by reading them all.
/// The text depends only on what is stored (DTSTAMP is each item's last modification), so the same state gives the
/// same feed and the same ETag.
/// </summary>
public sealed class CalendarFeedBuilder(ChangeService changes, AnnouncementService announcements, ChangeMgmtConfig config, TimeProvider time)
{
    public static readonly TimeSpan Past = TimeSpan.FromDays(90);
    public static readonly TimeSpan Ahead = TimeSpan.FromDays(400);
    /// <summary>How often a subscribed calendar should fetch the feed again (calendars may poll less often).</summary>
    private const string Refresh = "PT1H";

    private EmailConfig Email => config.EmailConfig ?? new();

    public async Task<string> BuildAsync(FeedScope scope, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var (from, to) = (now - Past, now + Ahead);
        var events = new List<FeedEvent>();
        await foreach (var change in changes.ListAllAsync(new ChangeQuery(Customer: scope.Customer, From: from, To: to), ct))
            if (FeedEvent.Of(change, scope, Email) is { } item) events.Add(item);
        await foreach (var item in AnnouncementEventsAsync(scope, from, to, ct)) events.Add(item);
        string[] header =
        [
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            $"PRODID:{CalendarInvite.ProductId}",
            "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH",
            $"X-WR-CALNAME:{IcsText.Escape(Name(scope))}",
            $"REFRESH-INTERVAL;VALUE=DURATION:{Refresh}",
            $"X-PUBLISHED-TTL:{Refresh}",
        ];
        return IcsText.Document([.. header, .. events.OrderBy(e => e.Start).ThenBy(e => e.Id, StringComparer.Ordinal).SelectMany(e => e.Lines(Email)), "END:VCALENDAR"]);
    }

    public static string Name(FeedScope scope) => $"Changes: {scope.Customer ?? "all customers"}";

    /// <summary>
    /// The announcements whose index entry places an event in the range (as the calendar page finds them) are read for
    /// the event's details; no other announcement is read. Entries written before they kept the event have none until
    /// rewritten or reindexed.
    /// </summary>
    private async IAsyncEnumerable<FeedEvent> AnnouncementEventsAsync(FeedScope scope, DateTimeOffset from, DateTimeOffset to,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var query = new AnnouncementQuery(Customer: scope.Customer, PageSize: AnnouncementQuery.MaxPageSize);
        string? token = null;
        do
        {
            var page = await announcements.ListAsync(query, token, ct);
            foreach (var summary in page.Items.Where(s => s.Status != AnnouncementStatus.Draft && s.EventStart <= to && (s.EventEnd ?? s.EventStart) >= from))
            {
                var announcement = (await announcements.GetAsync(summary.AnnouncementId, ct)).Announcement;
                if (AnnouncementEvent.Of(announcement, []) is { } meeting && meeting.End >= from && meeting.Start <= to
                    && FeedEvent.Of(announcement, meeting, scope, Email) is { } item)
                    yield return item;
            }
            token = page.NextToken;
        } while (token is not null);
    }
}
