using ChangeMgmt.Core.Configuration;

namespace ChangeMgmt.Core.Rendering;

/// <summary>Links into the web portal; none when no portal_base_url is configured.</summary>
internal static class PortalLinks
{
    public static string? Change(EmailConfig email, string changeId) =>
        string.IsNullOrWhiteSpace(email.PortalBaseUrl)
            ? null
            : $"{email.PortalBaseUrl.Trim().TrimEnd('/')}/changes/{Uri.EscapeDataString(changeId)}";

    public static string? Approve(EmailConfig email, string changeId) =>
        Change(email, changeId) is { } url ? url + "?action=approve" : null;
}
