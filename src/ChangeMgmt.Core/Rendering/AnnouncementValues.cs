using System.Globalization;
using System.Net;
using System.Text;
using ChangeMgmt.Core.Announcements;
using ChangeMgmt.Core.Configuration;

namespace ChangeMgmt.Core.Rendering;

/// <summary>
/// The placeholders of the announcement templates (<c>announcement-notice.*</c>) and of the layout around them.
/// Only <see cref="SanitisedHtml"/> values may be inserted unescaped (<c>{{&amp;contentHtml}}</c>): they are sanitised here.
/// </summary>
internal static class AnnouncementValues
{
    public const string UntitledAnnouncement = "(untitled announcement)";

    public static readonly IReadOnlySet<string> SanitisedHtml = new HashSet<string>(StringComparer.Ordinal) { "contentHtml", "linksHtml" };

    public static Dictionary<string, string?> For(Announcement announcement, AnnouncementTypeConfig type, AnnouncementEvent? meeting, CustomerConfig customer, EmailConfig email)
    {
        var typeName = TypeName(type);
        var zone = ChangeZone.For(meeting?.Timezone);
        return new(StringComparer.Ordinal)
        {
            ["changeId"] = announcement.AnnouncementId,
            ["announcementId"] = announcement.AnnouncementId,
            ["title"] = Title(announcement),
            ["summary"] = NotificationValues.Clean(announcement.Summary),
            ["contentHtml"] = string.IsNullOrWhiteSpace(announcement.Content) ? null : MarkdownContent.ToHtml(announcement.Content),
            ["contentText"] = string.IsNullOrWhiteSpace(announcement.Content) ? null : MarkdownContent.ToText(announcement.Content).Trim(),
            ["linksHtml"] = LinksHtml(announcement.Links),
            ["linksText"] = LinksText(announcement.Links),
            ["announcementType"] = typeName,
            ["version"] = announcement.Version.ToString(CultureInfo.InvariantCulture),
            ["customerName"] = customer.DisplayName,
            ["customerCode"] = customer.CustomerCode,
            ["event"] = meeting is null ? null : ScheduleText.Describe(meeting.Start, meeting.End, zone),
            ["eventLocation"] = NotificationValues.Clean(meeting?.Location),
            ["cancelledAt"] = ScheduleText.Instant(announcement.CancelledAt, zone),
            [NotificationValues.NotificationLabel] = $"{typeName} announcement",
            [NotificationValues.SubscriptionLabel] = $"{typeName} announcements",
        };
    }

    /// <summary>The announcement's event as its invite describes it: the announcement id makes the UID, its version the SEQUENCE.</summary>
    public static CalendarEvent CalendarEventOf(Announcement announcement, AnnouncementEvent meeting, EmailConfig email)
    {
        var description = new StringBuilder(Title(announcement));
        if (NotificationValues.Clean(announcement.Summary) is { } summary) description.Append("\n\n").Append(summary);
        return new(announcement.AnnouncementId, announcement.Version, meeting.Start, meeting.End, Title(announcement), description.ToString(),
            PortalLinks.Announcement(email, announcement.AnnouncementId), NotificationValues.Clean(meeting.Location));
    }

    public static string Title(Announcement announcement) => NotificationValues.Clean(announcement.Title) ?? UntitledAnnouncement;

    private static string TypeName(AnnouncementTypeConfig type) =>
        string.IsNullOrWhiteSpace(type.DisplayName) ? type.Name : type.DisplayName.Trim();

    private static string? LinksHtml(IReadOnlyList<AnnouncementLink>? all) => Usable(all) is { Count: > 0 } links
        ? SafeHtml.Sanitize("<ul>" + string.Concat(links.Select(l =>
            $"<li><a href=\"{WebUtility.HtmlEncode(l.Url)}\">{WebUtility.HtmlEncode(LinkTitle(l))}</a></li>")) + "</ul>")
        : null;

    private static string? LinksText(IReadOnlyList<AnnouncementLink>? all) => Usable(all) is { Count: > 0 } links
        ? string.Join("\n", links.Select(l => $"- {LinkTitle(l)}: {l.Url}"))
        : null;

    private static List<AnnouncementLink> Usable(IReadOnlyList<AnnouncementLink>? links) =>
        [.. (links ?? []).Where(l => SafeHtml.IsAllowedUrl(l.Url))];

    private static string LinkTitle(AnnouncementLink link) => NotificationValues.Clean(link.Title) ?? link.Url;
}
