using Markdig.Extensions.Tables;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace ChangeMgmt.Core.Rendering;

/// <summary>
/// Markdown as readable plain text. Markdig's own ToPlainText drops link targets; an email's text part must keep
/// them ("Cost report (https://…)"), and, as in the HTML part, only http, https and mailto targets are shown.
/// </summary>
internal static class MarkdownPlainText
{
    public static string Render(MarkdownDocument document) => Blocks(document, "\n\n").Trim('\n') + "\n";

    private static string Blocks(ContainerBlock container, string separator) =>
        string.Join(separator, container.Select(Block).Where(text => text.Length > 0));

    private static string Block(Block block) => block switch
    {
        HeadingBlock heading => Inlines(heading.Inline),
        ParagraphBlock paragraph => Inlines(paragraph.Inline),
        ListBlock list => List(list),
        QuoteBlock quote => Prefix(Blocks(quote, "\n\n"), "> ", "> "),
        Table table => string.Join("\n", table.OfType<TableRow>().Select(Row)),
        ThematicBreakBlock => "----",
        CodeBlock code => Prefix(code.Lines.ToString().TrimEnd('\n'), "    ", "    "),
        ContainerBlock other => Blocks(other, "\n\n"),
        LeafBlock leaf => leaf.Inline is null ? leaf.Lines.ToString() : Inlines(leaf.Inline),
        _ => "",
    };

    private static string List(ListBlock list)
    {
        var number = int.TryParse(list.OrderedStart, out var start) ? start : 1;
        var items = list.OfType<ListItemBlock>().Select(item =>
        {
            var bullet = list.IsOrdered ? $"{number++}. " : "- ";
            return Prefix(Blocks(item, list.IsLoose ? "\n\n" : "\n"), bullet, new string(' ', bullet.Length));
        });
        return string.Join(list.IsLoose ? "\n\n" : "\n", items);
    }

    private static string Row(TableRow row) =>
        string.Join(" | ", row.OfType<TableCell>().Select(cell => Blocks(cell, " ")));

    private static string Prefix(string text, string first, string rest) =>
        first + text.Replace("\n", "\n" + rest, StringComparison.Ordinal);

    private static string Inlines(ContainerInline? container) =>
        container is null ? "" : string.Concat(container.Select(Inline));

    private static string Inline(Inline inline) => inline switch
    {
        LiteralInline literal => literal.Content.ToString(),
        CodeInline code => code.Content,
        LineBreakInline => "\n",
        HtmlEntityInline entity => entity.Transcoded.ToString(),
        AutolinkInline autolink => autolink.Url,
        LinkInline link => Link(link),
        ContainerInline container => Inlines(container),
        _ => "",
    };

    private static string Link(LinkInline link)
    {
        var text = Inlines(link);
        if (!SafeHtml.IsAllowedUrl(link.Url)) return text;
        if (link.IsAutoLink || text == link.Url) return link.Url!;
        return text.Length == 0 ? link.Url! : $"{text} ({link.Url})";
    }
}
