using ChangeMgmt.Core.Rendering;

namespace ChangeMgmt.Tests.Rendering;

public class TemplateEngineTests
{
    private static readonly Dictionary<string, string?> Values = new()
    {
        ["name"] = "Tom & <Jerry>",
        ["plan"] = "one\ntwo",
        ["empty"] = "",
        ["missing"] = null,
    };

    private static string Render(string text, TemplateFormat format = TemplateFormat.Html, Func<string, TemplateSource>? include = null) =>
        TemplateEngine.Render(new TemplateSource("test.html", "memory", text), Values, format, include);

    [Fact]
    public void Values_are_escaped_in_html_and_raw_in_text()
    {
        Assert.Equal("Hi Tom &amp; &lt;Jerry&gt;!", Render("Hi {{name}}!"));
        Assert.Equal("Hi Tom & <Jerry>!", Render("Hi {{name}}!", TemplateFormat.Text));
    }

    [Fact]
    public void Newlines_become_br_only_in_html()
    {
        Assert.Equal("one<br>\ntwo", Render("{{plan}}"));
        Assert.Equal("one\ntwo", Render("{{plan}}", TemplateFormat.Text));
    }

    [Theory]
    [InlineData("[{{#name}}yes{{/name}}]", "[yes]")]
    [InlineData("[{{#empty}}yes{{/empty}}]", "[]")]
    [InlineData("[{{#missing}}yes{{/missing}}]", "[]")]
    [InlineData("[{{^missing}}none{{/missing}}]", "[none]")]
    [InlineData("[{{^name}}none{{/name}}]", "[]")]
    [InlineData("[{{ name }}]", "[Tom &amp; &lt;Jerry&gt;]")]
    public void Sections_render_only_when_their_value_is_present(string template, string expected) =>
        Assert.Equal(expected, Render(template));

    [Fact]
    public void Section_tags_alone_on_a_line_leave_no_blank_line() =>
        Assert.Equal("a\nyes\nb\n", Render("a\n{{#name}}\nyes\n{{/name}}\n  {{#empty}}  \nno\n{{/empty}}\nb\n", TemplateFormat.Text));

    [Fact]
    public void Ses_unsubscribe_placeholder_passes_through_untouched()
    {
        Assert.Equal("<a href=\"{{amazonSESUnsubscribeUrl}}\">x</a>", Render("<a href=\"{{amazonSESUnsubscribeUrl}}\">x</a>"));
        Assert.Equal("{{amazonSESUnsubscribeUrl}}", Render("{{amazonSESUnsubscribeUrl}}", TemplateFormat.Text));
    }

    [Fact]
    public void Includes_render_in_place_with_the_same_values() =>
        Assert.Equal("<p>Tom &amp; &lt;Jerry&gt;</p>", Render("<p>{{>part}}</p>", include: name => new TemplateSource(name, "memory", "{{name}}")));

    [Fact]
    public void Unknown_placeholder_names_template_and_placeholder()
    {
        var error = Assert.Throws<TemplateException>(() => Render("line one\nHello {{nmae}}"));

        Assert.Equal("test.html", error.TemplateName);
        Assert.Equal("nmae", error.Placeholder);
        Assert.Contains("test.html", error.Message);
        Assert.Contains("{{nmae}}", error.Message);
        Assert.Contains("line 2", error.Message);
    }

    [Theory]
    [InlineData("{{#empty}}{{typo}}{{/empty}}", "typo")]
    [InlineData("{{#tpyo}}x{{/tpyo}}", "tpyo")]
    public void Unknown_placeholder_fails_even_where_nothing_would_render(string template, string placeholder) =>
        Assert.Equal(placeholder, Assert.Throws<TemplateException>(() => Render(template)).Placeholder);

    [Fact]
    public void Unknown_placeholder_in_an_include_names_the_included_template()
    {
        var error = Assert.Throws<TemplateException>(() =>
            Render("{{>part}}", include: name => new TemplateSource(name + ".html", "memory", "{{oops}}")));

        Assert.Equal("part.html", error.TemplateName);
        Assert.Equal("oops", error.Placeholder);
    }

    [Theory]
    [InlineData("{{#name}}never closed")]
    [InlineData("{{/name}}")]
    [InlineData("{{#name}}{{/plan}}")]
    [InlineData("{{name")]
    [InlineData("{{two words}}")]
    [InlineData("{{}}")]
    public void Malformed_templates_are_errors(string template) =>
        Assert.Throws<TemplateException>(() => Render(template));

    [Fact]
    public void A_template_that_includes_itself_fails_instead_of_looping()
    {
        TemplateSource Self(string name) => new(name, "memory", "{{>again}}");

        Assert.Throws<TemplateException>(() => Render("{{>again}}", include: Self));
    }

    [Fact]
    public void Include_without_a_resolver_is_an_error() =>
        Assert.Equal("part", Assert.Throws<TemplateException>(() => Render("{{>part}}")).Placeholder);
}
