using ChangeMgmt.Core.Announcements;
using ChangeMgmt.Core.Rendering;

namespace ChangeMgmt.Tests.Announcements;

/// <summary>User Markdown to an email's HTML (raw HTML disabled and the output sanitised) and text parts.</summary>
public sealed class MarkdownContentTests
{
    [Theory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("Before <script>alert(1)</script> after")]
    [InlineData("<img src=x onerror=alert(1)>")]
    [InlineData("text <img src=x onerror=alert(1)> inline")]
    [InlineData("<a href=\"https://ok.example\" onclick=\"alert(1)\">x</a>")]
    [InlineData("<div onmouseover=\"alert(1)\">\n\nblock\n\n</div>")]
    [InlineData("<iframe src=\"https://evil.example\"></iframe>")]
    [InlineData("<style>body{display:none}</style>")]
    [InlineData("<svg><script>alert(1)</script></svg>")]
    public void Raw_html_shows_as_text_and_never_as_markup(string markdown)
    {
        var html = MarkdownContent.ToHtml(markdown);

        AssertNone(html, "<script", "<img", "<iframe", "<div", "<style", "<svg");
        Assert.DoesNotMatch("<[^>]*\\son[a-z]+\\s*=", html);
        Assert.Contains("&lt;", html);
    }

    [Theory]
    [InlineData("[x](javascript:alert(1))")]
    [InlineData("[x](JavaScript:alert(1))")]
    [InlineData("[x](javascript&#58;alert(1))")]
    [InlineData("[x](java\tscript:alert(1))")]
    [InlineData("[x](<javascript:alert(1)>)")]
    [InlineData("[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)")]
    [InlineData("[x](vbscript:msgbox(1))")]
    [InlineData("<javascript:alert(1)>")]
    [InlineData("[x][r]\n\n[r]: javascript:alert(1)")]
    [InlineData("![x](javascript:alert(1))")]
    public void Links_to_anything_but_http_https_and_mailto_lose_their_target(string markdown)
    {
        var html = MarkdownContent.ToHtml(markdown);
        var text = MarkdownContent.ToText(markdown);

        AssertNone(html, "href=\"javascript", "href=\"data", "href=\"vbscript", "src=");
        AssertNone(text, "(javascript", "(data:");
    }

    [Fact]
    public void Images_are_not_rendered_so_opening_the_mail_loads_nothing()
    {
        var html = MarkdownContent.ToHtml("![tracker](https://evil.example/pixel.png)");

        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Safe_links_and_autolinks_stay_links()
    {
        var html = MarkdownContent.ToHtml("[report](https://portal.msp.example/r?q=1&x=2) <https://a.example/x> www.b.example mail <mailto:finops@msp.example>");

        Assert.Contains("<a href=\"https://portal.msp.example/r?q=1&amp;x=2\">report</a>", html);
        Assert.Contains("<a href=\"https://a.example/x\">https://a.example/x</a>", html);
        Assert.Contains("<a href=\"http://www.b.example\">www.b.example</a>", html);
        Assert.Contains("href=\"mailto:finops@msp.example\"", html);
    }

    [Fact]
    public void The_allowed_structure_survives_sanitising()
    {
        const string markdown = """
            # Title
            #### Small

            Some **bold**, *em* and `code`.

            > quoted

            1. one
            2. two

            - a
            - b

            ```
            block
            ```

            ---

            | h1 | h2 |
            |---:|----|
            | c1 | c2 |
            """;

        var html = MarkdownContent.ToHtml(markdown);

        foreach (var tag in new[] { "<h1>", "<h4>", "<strong>", "<em>", "<code>", "<blockquote>", "<ol>", "<ul>", "<li>", "<pre>", "<hr>", "<table>", "<thead>", "<tbody>", "<tr>", "<th>", "<td>" })
            Assert.Contains(tag, html);
        Assert.DoesNotContain("style=", html);
    }

    [Fact]
    public void Plain_text_keeps_structure_and_shows_link_targets()
    {
        const string markdown = """
            ## What changed

            Compute spend fell **12%**; see the [cost report](https://portal.msp.example/q4) or <https://a.example/x>.

            - first
            - second [mail us](mailto:finops@msp.example)

            1. one
            2. two

            > quoted line

                code line

            | h1 | h2 |
            |----|----|
            | c1 | c2 |
            """;

        var text = MarkdownContent.ToText(markdown);

        Assert.Equal("""
            What changed

            Compute spend fell 12%; see the cost report (https://portal.msp.example/q4) or https://a.example/x.

            - first
            - second mail us (mailto:finops@msp.example)

            1. one
            2. two

            > quoted line

                code line

            h1 | h2
            c1 | c2

            """.ReplaceLineEndings("\n"), text);
    }

    [Fact]
    public void Plain_text_shows_raw_html_as_written_text_and_entities_decoded()
    {
        var text = MarkdownContent.ToText("Tom &amp; Jerry <b>bold</b>");

        Assert.Equal("Tom & Jerry <b>bold</b>\n", text);
    }

    [Fact]
    public void Content_at_the_limit_renders()
    {
        var markdown = string.Concat(Enumerable.Repeat("A paragraph with a [link](https://a.example/).\n\n", AnnouncementLimits.Content / 50));
        Assert.True(markdown.Length <= AnnouncementLimits.Content);

        var html = MarkdownContent.ToHtml(markdown);

        Assert.Equal(AnnouncementLimits.Content / 50, html.Split("<p>").Length - 1);
        Assert.Null(MarkdownContent.Problem(markdown));
    }

    [Theory]
    [InlineData(">", 20_000)]
    [InlineData("[", 20_000)]
    [InlineData("- ", 10_000)]
    public void Nesting_past_the_parsers_limit_is_a_problem_and_still_renders_as_escaped_text(string unit, int count)
    {
        var markdown = string.Concat(Enumerable.Repeat(unit, count)) + "x<script>";

        Assert.Contains("nested too deeply", MarkdownContent.Problem(markdown));
        var html = MarkdownContent.ToHtml(markdown);
        Assert.StartsWith("<pre>", html);
        Assert.DoesNotContain("<script", html);
        Assert.EndsWith("x<script>", MarkdownContent.ToText(markdown));
    }

    private static void AssertNone(string rendered, params string[] fragments)
    {
        foreach (var fragment in fragments)
            Assert.DoesNotContain(fragment, rendered, StringComparison.OrdinalIgnoreCase);
    }
}
