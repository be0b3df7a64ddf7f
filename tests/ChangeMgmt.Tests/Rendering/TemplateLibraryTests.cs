using ChangeMgmt.Core.Ports;
using ChangeMgmt.Core.Rendering;

namespace ChangeMgmt.Tests.Rendering;

public sealed class TemplateLibraryTests : IDisposable
{
    private const string Name = "completion.subject.txt";
    private readonly TempDirectory overrides = new();

    public void Dispose() => overrides.Dispose();

    [Fact]
    public void Without_overrides_the_embedded_default_is_used()
    {
        var template = new TemplateLibrary(overrides.Path).Find("acme", Name);

        Assert.Equal(TemplateSource.EmbeddedOrigin, template.Origin);
        Assert.Contains("Completed: {{changeId}}", template.Text);
    }

    [Fact]
    public void No_override_directory_means_embedded_defaults() =>
        Assert.Equal(TemplateSource.EmbeddedOrigin, new TemplateLibrary(null).Find("acme", Name).Origin);

    [Fact]
    public void Global_override_beats_embedded_default()
    {
        overrides.Write(Name, "Global {{changeId}}");

        Assert.Equal("Global {{changeId}}", new TemplateLibrary(overrides.Path).GetText("acme", Name));
    }

    [Fact]
    public void Customer_override_beats_global_override_for_that_customer_only()
    {
        overrides.Write(Name, "Global {{changeId}}");
        overrides.Write(Path.Combine("acme", Name), "Acme {{changeId}}");
        var library = new TemplateLibrary(overrides.Path);

        Assert.Equal("Acme {{changeId}}", library.GetText("acme", Name));
        Assert.Equal("Global {{changeId}}", library.GetText("globex", Name));
    }

    [Fact]
    public void Overrides_apply_to_rendered_notifications()
    {
        overrides.Write(Path.Combine("acme", Name), "ACME done: {{changeId}}");
        overrides.Write(Path.Combine("acme", "summary.txt"), "Window: {{schedule}}\n");
        var renderer = new NotificationRenderer(RenderingFixtures.Email(), new TemplateLibrary(overrides.Path));

        var email = renderer.Render(NotificationKind.Completion, RenderingFixtures.SubmittedChange(), RenderingFixtures.Acme());

        Assert.Equal($"ACME done: {RenderingFixtures.ChangeId}", email.Subject);
        Assert.Contains("Window: Thu 3 Dec 2026 22:00", email.TextBody);
        Assert.DoesNotContain("Customer:", email.TextBody);
    }

    [Fact]
    public void A_typo_in_an_override_names_the_file_and_placeholder()
    {
        overrides.Write(Path.Combine("acme", "completion.html"), "<p>{{chnageId}}</p>");
        var renderer = new NotificationRenderer(RenderingFixtures.Email(), new TemplateLibrary(overrides.Path));

        var error = Assert.Throws<TemplateException>(() =>
            renderer.Render(NotificationKind.Completion, RenderingFixtures.SubmittedChange(), RenderingFixtures.Acme()));

        Assert.Equal("completion.html", error.TemplateName);
        Assert.Equal("chnageId", error.Placeholder);
        Assert.Contains(Path.Combine(overrides.Path, "acme", "completion.html"), error.Message);
    }

    [Fact]
    public void What_was_read_is_cached()
    {
        overrides.Write(Name, "first");
        var library = new TemplateLibrary(overrides.Path);
        Assert.Equal("first", library.GetText("acme", Name));

        overrides.Write(Name, "second");

        Assert.Equal("first", library.GetText("acme", Name));
    }

    [Fact]
    public void An_unknown_template_is_an_error_naming_it() =>
        Assert.Equal("nope.html", Assert.Throws<TemplateException>(() => new TemplateLibrary(overrides.Path).Find("acme", "nope.html")).TemplateName);

    [Theory]
    [InlineData("acme", "../secret.html")]
    [InlineData("..", "layout.html")]
    [InlineData("acme/../..", "layout.html")]
    [InlineData("", "layout.html")]
    public void Names_cannot_leave_the_override_directory(string customer, string name) =>
        Assert.Throws<ArgumentException>(() => new TemplateLibrary(overrides.Path).Find(customer, name));

    [Theory]
    [InlineData("approval-request")]
    [InlineData("announcement")]
    [InlineData("calendar-invite")]
    [InlineData("completion")]
    [InlineData("cancellation")]
    [InlineData("calendar-cancel")]
    public void Every_kind_has_embedded_templates(string kind)
    {
        var library = new TemplateLibrary(null);

        foreach (var suffix in new[] { ".subject.txt", ".html", ".txt" })
            Assert.Equal(TemplateSource.EmbeddedOrigin, library.Find("acme", kind + suffix).Origin);
    }
}
