using System.Net;
using System.Text;

namespace ChangeMgmt.Core.Rendering;

public enum TemplateFormat { Html, Text }

/// <summary>
/// Renders <c>{{name}}</c> (HTML-escaped in HTML, raw in text), <c>{{#name}}…{{/name}}</c> (only
/// when the value is not blank), <c>{{^name}}…{{/name}}</c> (only when it is) and <c>{{>name}}</c>
/// (another template, found by <c>include</c>). A name without a value is an error, even inside a
/// section that is not rendered, so a typo in a customer override fails on its first use.
/// <c>{{&amp;name}}</c> inserts a value unescaped, and only a value named in <c>safeHtml</c> (HTML the renderer has
/// sanitised): an override that asks for any other value raw fails instead of opening a way to inject markup.
/// </summary>
public static class TemplateEngine
{
    private const int MaxIncludeDepth = 8;

    public static string Render(
        TemplateSource template,
        IReadOnlyDictionary<string, string?> values,
        TemplateFormat format,
        Func<string, TemplateSource>? include = null,
        IReadOnlySet<string>? safeHtml = null)
    {
        var output = new StringBuilder(template.Text.Length * 2);
        new Walker(values, format, include, safeHtml ?? new HashSet<string>(), output).Walk(template, emit: true, depth: 0);
        return output.ToString();
    }

    private static string Encode(string value, TemplateFormat format) => format == TemplateFormat.Text
        ? value
        : WebUtility.HtmlEncode(value).ReplaceLineEndings("<br>\n");

    private sealed class Walker(
        IReadOnlyDictionary<string, string?> values,
        TemplateFormat format,
        Func<string, TemplateSource>? include,
        IReadOnlySet<string> safeHtml,
        StringBuilder output)
    {
        public void Walk(TemplateSource template, bool emit, int depth)
        {
            if (depth > MaxIncludeDepth)
                throw new TemplateException(template.Name, null, $"Template {template} is included more than {MaxIncludeDepth} levels deep (does it include itself?).");
            Walk(template, TemplateParser.Parse(template), emit, depth);
        }

        private void Walk(TemplateSource template, IReadOnlyList<TemplateNode> nodes, bool emit, int depth)
        {
            foreach (var node in nodes)
            {
                switch (node)
                {
                    case TextNode text:
                        if (emit) output.Append(text.Text);
                        break;
                    case ValueNode value:
                        var content = Lookup(template, value.Name, value.Line);
                        if (emit && content is not null) output.Append(Encode(content, format));
                        break;
                    case RawValueNode raw:
                        var html = Lookup(template, raw.Name, raw.Line);
                        if (!safeHtml.Contains(raw.Name))
                            throw TemplateParser.Error(template, raw.Name, raw.Line, "inserts a value unescaped that is not sanitised HTML", "{{&" + raw.Name + "}}");
                        if (emit && html is not null) output.Append(html);
                        break;
                    case SectionNode section:
                        var present = !string.IsNullOrWhiteSpace(Lookup(template, section.Name, section.Line));
                        Walk(template, section.Children, emit && present != section.Inverted, depth);
                        break;
                    case IncludeNode included:
                        Walk(Resolve(template, included), emit, depth + 1);
                        break;
                }
            }
        }

        private string? Lookup(TemplateSource template, string name, int line) =>
            values.TryGetValue(name, out var value)
                ? value
                : throw TemplateParser.Error(template, name, line, "uses an unknown placeholder", "{{" + name + "}}");

        private TemplateSource Resolve(TemplateSource template, IncludeNode included) =>
            include?.Invoke(included.Name)
            ?? throw TemplateParser.Error(template, included.Name, included.Line, "includes a template where none can be included", "{{>" + included.Name + "}}");
    }
}
