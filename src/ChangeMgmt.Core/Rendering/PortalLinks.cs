using ChangeMgmt.Core.Configuration;

namespace ChangeMgmt.Core.Rendering;

/// <summary>
/// Links into the web portal; none when no portal_base_url is configured. They name the page the portal
/// really serves (<c>detail.html</c>), the same file in local mode and in the portal bucket behind CloudFront,
/// so no rewrite is needed anywhere; the sign-in function carries path and query through sign-in.
/// </summary>
internal static class PortalLinks
{
    public static string? Change(EmailConfig email, string changeId) =>
        string.IsNullOrWhiteSpace(email.PortalBaseUrl)
            ? null
            : $"{email.PortalBaseUrl.Trim().TrimEnd('/')}/detail.html?id={Uri.EscapeDataString(changeId)}";

    /// <summary>An announcement's page (<c>announcement-detail.html</c>).</summary>
    public static string? Announcement(EmailConfig email, string announcementId) =>
        string.IsNullOrWhiteSpace(email.PortalBaseUrl)
            ? null
            : $"{email.PortalBaseUrl.Trim().TrimEnd('/')}/announcement-detail.html?id={Uri.EscapeDataString(announcementId)}";

    /// <summary>The change with the approve action ready (a page that only shows it: a GET never approves).</summary>
    public static string? Approve(EmailConfig email, string changeId) =>
        Change(email, changeId) is { } url ? url + "&action=approve" : null;

    /// <summary>
    /// A calendar feed (<c>/calendar/{file}?token=…</c>), served by the API beside the portal; relative when no
    /// portal_base_url is configured (the server then puts its own origin in front).
    /// </summary>
    public static string CalendarFeed(EmailConfig email, string fileName, string token) =>
        $"{email.PortalBaseUrl?.Trim().TrimEnd('/')}/calendar/{Uri.EscapeDataString(fileName)}?token={Uri.EscapeDataString(token)}";

    /// <summary>A recipient's own preferences page (<c>preferences.html?token=…</c>); none without a portal_base_url.</summary>
    public static string? Preferences(EmailConfig email, string token) =>
        string.IsNullOrWhiteSpace(email.PortalBaseUrl)
            ? null
            : $"{email.PortalBaseUrl.Trim().TrimEnd('/')}/preferences.html?token={Uri.EscapeDataString(token)}";
}
