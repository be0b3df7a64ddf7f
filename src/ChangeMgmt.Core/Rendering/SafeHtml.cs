using Ganss.Xss;

namespace ChangeMgmt.Core.Rendering;

/// <summary>
/// The allow-list every HTML fragment from user Markdown passes through before it reaches an email or the portal:
/// text structure only, links to http, https and mailto. No images (they would load from the sender's choice of
/// server when the mail is opened), no style, no classes, no ids.
/// </summary>
public static class SafeHtml
{
    public static readonly IReadOnlySet<string> Schemes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "http", "https", "mailto" };

    private static readonly HtmlSanitizer Sanitizer = new(new HtmlSanitizerOptions
    {
        AllowedTags = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "p", "a", "ul", "ol", "li", "strong", "em", "code", "pre", "h1", "h2", "h3", "h4", "blockquote",
            "table", "thead", "tbody", "tr", "th", "td", "br", "hr",
        },
        AllowedAttributes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "href", "title" },
        AllowedSchemes = new HashSet<string>(Schemes, StringComparer.OrdinalIgnoreCase),
        UriAttributes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "href" },
    });

    public static string Sanitize(string html) => Sanitizer.Sanitize(html);

    /// <summary>Whether a link target may appear in an email (HTML or text): an absolute http, https or mailto address.</summary>
    public static bool IsAllowedUrl(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && Schemes.Contains(uri.Scheme);
}
