using System.Net;
using Markdig;
using Markdig.Syntax;

namespace ChangeMgmt.Core.Rendering;

/// <summary>
/// User Markdown (an announcement's content) as an email's HTML part and text part. Markdig parses it with raw
/// HTML disabled (written tags show as text), and the HTML it produces is sanitised as well (<see cref="SafeHtml"/>):
/// either alone would be one mistake away from script in a customer's inbox.
/// </summary>
public static class MarkdownContent
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .DisableHtml()
        .UsePipeTables()
        .UseAutoLinks()
        .Build();

    public static string ToHtml(string markdown) =>
        SafeHtml.Sanitize(TryParse(markdown, out var document, out _)
            ? document.ToHtml(Pipeline)
            : $"<pre>{WebUtility.HtmlEncode(markdown)}</pre>");

    /// <summary>Plain text for the text part: structure kept as text, links as "text (url)".</summary>
    public static string ToText(string markdown) =>
        TryParse(markdown, out var document, out _) ? MarkdownPlainText.Render(document) : markdown;

    /// <summary>What makes the Markdown unusable (nesting beyond the parser's depth limit), or null.</summary>
    public static string? Problem(string markdown) => TryParse(markdown, out _, out var problem) ? null : problem;

    private static bool TryParse(string markdown, out MarkdownDocument document, out string? problem)
    {
        try
        {
            document = Markdown.Parse(markdown, Pipeline);
            problem = null;
            return true;
        }
        // Markdig refuses input nested past its depth limit (thousands of '>' or '[') with ArgumentException.
        catch (ArgumentException)
        {
            document = new MarkdownDocument();
            problem = "The Markdown is nested too deeply (quotes, lists or brackets inside one another); flatten it.";
            return false;
        }
    }
}
