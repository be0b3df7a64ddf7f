using ChangeMgmt.Core.Announcements;
using ChangeMgmt.Core.Changes;
using ChangeMgmt.Core.Configuration;
using ChangeMgmt.Core.Rendering;

namespace ChangeMgmt.Core.CalendarFeeds;

/// <summary>
/// One VEVENT of a feed, as the feed's scope may show it: the customers named are only those the scope shows.
/// The UID is the email invite's (<see cref="CalendarInvite.Uid(string, EmailConfig)"/>) and SEQUENCE the version, so
/// an edit replaces the event and a cancellation marks it, in the feed as in the invite.
/// </summary>
internal sealed record FeedEvent(
    string Id, int Version, DateTimeOffset Stamp, DateTimeOffset Start, DateTimeOffset End,
    string Summary, string Description, string? Url, string Status, string? Location = null)
{
    private const string CancelledPrefix = "Cancelled: ";

    public static FeedEvent? Of(ChangeSummary change, FeedScope scope, EmailConfig email)
    {
        if (change is not { ImplementationStart: { } start, ImplementationEnd: { } end } || StatusOf(change.Status) is not { } status) return null;
        var title = $"{change.ChangeId} {NotificationValues.Clean(change.ChangeTitle) ?? NotificationValues.UntitledChange}";
        var url = PortalLinks.Change(email, change.ChangeId);
        return new(change.ChangeId, change.Version, change.ModifiedAt ?? change.CreatedAt ?? start, start, end,
            SummaryOf(title, status, scope.Shown(change.Customers)), DescriptionOf(title, change.Status.ToString(), scope.Shown(change.Customers), url), url, status);
    }

    public static FeedEvent? Of(Announcement announcement, AnnouncementEvent meeting, FeedScope scope, EmailConfig email)
    {
        if (StatusOf(announcement.Status) is not { } status) return null;
        var title = AnnouncementValues.Title(announcement);
        var url = PortalLinks.Announcement(email, announcement.AnnouncementId);
        var description = DescriptionOf(title, announcement.Status.ToString(), scope.Shown(announcement.Customers), url);
        if (NotificationValues.Clean(announcement.Summary) is { } summary) description = $"{summary}\n\n{description}";
        return new(announcement.AnnouncementId, announcement.Version, announcement.ModifiedAt ?? announcement.CreatedAt ?? meeting.Start,
            meeting.Start, meeting.End, SummaryOf(title, status, scope.Shown(announcement.Customers)), description, url, status,
            NotificationValues.Clean(meeting.Location));
    }

    public IEnumerable<string> Lines(EmailConfig email) =>
    [
        "BEGIN:VEVENT",
        $"UID:{IcsText.Escape(CalendarInvite.Uid(Id, email))}",
        $"SEQUENCE:{Math.Max(Version, 0)}",
        $"DTSTAMP:{IcsText.Utc(Stamp)}",
        $"DTSTART:{IcsText.Utc(Start)}",
        $"DTEND:{IcsText.Utc(End)}",
        $"SUMMARY:{IcsText.Escape(Summary)}",
        $"DESCRIPTION:{IcsText.Escape(Description)}",
        .. Location is { Length: > 0 } location ? [$"LOCATION:{IcsText.Escape(location)}"] : Array.Empty<string>(),
        .. Url is { } url ? [$"URL:{url}"] : Array.Empty<string>(),
        $"STATUS:{Status}",
        "TRANSP:OPAQUE",
        "END:VEVENT",
    ];

    /// <summary>A draft (or a rejected change) is never in a feed.</summary>
    private static string? StatusOf(ChangeStatus status) => status switch
    {
        ChangeStatus.Submitted => "TENTATIVE",
        ChangeStatus.Approved or ChangeStatus.Completed => "CONFIRMED",
        ChangeStatus.Cancelled => "CANCELLED",
        _ => null,
    };

    private static string? StatusOf(AnnouncementStatus status) => status switch
    {
        AnnouncementStatus.Submitted => "TENTATIVE",
        AnnouncementStatus.Approved => "CONFIRMED",
        AnnouncementStatus.Cancelled => "CANCELLED",
        _ => null,
    };

    // Calendars that ignore STATUS in a subscribed feed (Google) still show the cancellation in the title.
    private static string SummaryOf(string title, string status, IReadOnlyList<string> customers) =>
        $"{(status == "CANCELLED" ? CancelledPrefix : "")}{title} ({string.Join(", ", customers)})";

    private static string DescriptionOf(string title, string status, IReadOnlyList<string> customers, string? url) =>
        $"{title}\nStatus: {status.ToLowerInvariant()}\nCustomers: {string.Join(", ", customers)}{(url is null ? "" : $"\nDetails: {url}")}";
}
