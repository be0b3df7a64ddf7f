using System.Text.RegularExpressions;

namespace ChangeMgmt.Core.Rendering;

/// <summary>Parses the small mustache-like syntax: values, raw values, sections, inverted sections, includes.</summary>
internal static partial class TemplateParser
{
    // SES replaces this itself when ListManagementOptions are set, so it must reach SES verbatim.
    public const string SesUnsubscribePlaceholder = "amazonSESUnsubscribeUrl";

    // The sender puts each recipient's own preferences link here (PreferenceLinks), so it too passes through.
    public const string PreferencesPlaceholder = "changemgmtPreferencesUrl";

    private sealed record OpenSection(string Name, bool Inverted, int Line, List<TemplateNode> Parent, List<TemplateNode> Children);

    public static IReadOnlyList<TemplateNode> Parse(TemplateSource template)
    {
        var text = template.Text;
        var root = new List<TemplateNode>();
        var open = new Stack<OpenSection>();
        var current = root;
        var position = 0;
        while (position < text.Length)
        {
            var start = text.IndexOf("{{", position, StringComparison.Ordinal);
            if (start < 0)
            {
                current.Add(new TextNode(text[position..]));
                break;
            }
            var end = text.IndexOf("}}", start + 2, StringComparison.Ordinal);
            var line = LineAt(text, start);
            if (end < 0) throw Error(template, null, line, "has a '{{' that is never closed");
            var tag = Tag().Match(text[(start + 2)..end]);
            if (!tag.Success) throw Error(template, text[(start + 2)..end].Trim(), line, "has a malformed tag", text[start..(end + 2)]);

            var sigil = tag.Groups["sigil"].Value;
            var name = tag.Groups["name"].Value;
            var (textEnd, next) = sigil.Length > 0 && sigil != "&" ? StandaloneBounds(text, start, end + 2) : (start, end + 2);
            if (textEnd > position) current.Add(new TextNode(text[position..textEnd]));
            position = next;

            switch (sigil)
            {
                case "" when name is SesUnsubscribePlaceholder or PreferencesPlaceholder:
                    current.Add(new TextNode(text[start..(end + 2)]));
                    break;
                case "":
                    current.Add(new ValueNode(name, line));
                    break;
                case "&":
                    current.Add(new RawValueNode(name, line));
                    break;
                case ">":
                    current.Add(new IncludeNode(name, line));
                    break;
                case "/":
                    if (open.Count == 0 || open.Peek().Name != name)
                        throw Error(template, name, line, "closes a section that is not open");
                    var closed = open.Pop();
                    closed.Parent.Add(new SectionNode(closed.Name, closed.Inverted, closed.Line, closed.Children));
                    current = closed.Parent;
                    break;
                default:
                    var section = new OpenSection(name, sigil == "^", line, current, []);
                    open.Push(section);
                    current = section.Children;
                    break;
            }
        }
        if (open.Count > 0)
        {
            var unclosed = open.Peek();
            throw Error(template, unclosed.Name, unclosed.Line, "opens a section that is never closed");
        }
        return root;
    }

    /// <summary>
    /// A section or include tag alone on its line takes the whole line with it, so that
    /// templates can put tags on their own lines without leaving blank lines behind.
    /// </summary>
    private static (int TextEnd, int Next) StandaloneBounds(string text, int tagStart, int tagEnd)
    {
        var lineStart = tagStart == 0 ? 0 : text.LastIndexOf('\n', tagStart - 1) + 1;
        if (!IsBlank(text.AsSpan(lineStart, tagStart - lineStart))) return (tagStart, tagEnd);
        var after = tagEnd;
        while (after < text.Length && text[after] is ' ' or '\t') after++;
        if (after == text.Length) return (lineStart, after);
        if (text[after] == '\n') return (lineStart, after + 1);
        if (text[after] == '\r' && after + 1 < text.Length && text[after + 1] == '\n') return (lineStart, after + 2);
        return (tagStart, tagEnd);
    }

    private static bool IsBlank(ReadOnlySpan<char> span)
    {
        foreach (var c in span)
            if (c is not (' ' or '\t')) return false;
        return true;
    }

    private static int LineAt(string text, int offset) => text.AsSpan(0, offset).Count('\n') + 1;

    internal static TemplateException Error(TemplateSource template, string? placeholder, int line, string problem, string? shown = null) =>
        new(template.Name, placeholder, $"Template {template}, line {line}, {problem}{(placeholder is null ? "" : $": '{shown ?? placeholder}'")}.");

    [GeneratedRegex(@"^\s*(?<sigil>[#^/>&]?)\s*(?<name>[A-Za-z][A-Za-z0-9_.-]*)\s*$")]
    private static partial Regex Tag();
}
