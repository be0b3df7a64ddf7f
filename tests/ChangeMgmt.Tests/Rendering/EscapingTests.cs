using ChangeMgmt.Core.Ports;
using ChangeMgmt.Core.Rendering;

namespace ChangeMgmt.Tests.Rendering;

public class EscapingTests
{
    private const string Hostile = "<script>alert(1)</script> & \"x\"";

    private static readonly ChangeMgmt.Core.Changes.Change HostileChange = RenderingFixtures.SubmittedChange() with
    {
        ChangeTitle = Hostile,
        ChangeReason = Hostile,
        ImplementationPlan = "<b>step 1</b>\r\n<img src=x onerror=alert(1)>",
        SubmittedBy = "<i>mallory</i>",
    };

    private static RenderedEmail Render(NotificationKind kind) =>
        new NotificationRenderer(RenderingFixtures.Email(), new TemplateLibrary(null))
            .Render(kind, HostileChange, RenderingFixtures.Acme() with { CustomerName = "Smith & <Sons>" });

    [Theory]
    [MemberData(nameof(NotificationRendererTests.AllKinds), MemberType = typeof(NotificationRendererTests))]
    public void User_text_is_escaped_in_html(NotificationKind kind)
    {
        var html = Render(kind).HtmlBody;

        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot;", html);
        Assert.Contains("Smith &amp; &lt;Sons&gt;", html);
        Assert.DoesNotContain("<script>", html);
        Assert.DoesNotContain("<Sons>", html);
        Assert.DoesNotContain("&amp;lt;", html);
    }

    [Fact]
    public void Multi_line_text_is_escaped_before_line_breaks_become_br()
    {
        var html = Render(NotificationKind.Announcement).HtmlBody;

        Assert.Contains("&lt;b&gt;step 1&lt;/b&gt;<br>\n&lt;img src=x onerror=alert(1)&gt;", html);
        Assert.DoesNotContain("<img", html);
        Assert.DoesNotContain("<i>mallory", Render(NotificationKind.ApprovalRequest).HtmlBody);
    }

    [Fact]
    public void Text_body_and_subject_carry_user_text_as_written()
    {
        var email = Render(NotificationKind.ApprovalRequest);

        Assert.Equal($"Approval requested: {RenderingFixtures.ChangeId} {Hostile}", email.Subject);
        Assert.Contains(Hostile, email.TextBody);
        Assert.Contains("<b>step 1</b>\n<img src=x onerror=alert(1)>", email.TextBody);
        Assert.DoesNotContain("&lt;", email.TextBody);
        Assert.DoesNotContain("&amp;", email.TextBody);
    }

    [Fact]
    public void Subject_stays_on_one_line()
    {
        var change = RenderingFixtures.SubmittedChange() with { ChangeTitle = "Line one\r\nBcc: victim@example.com" };

        var email = new NotificationRenderer(RenderingFixtures.Email(), new TemplateLibrary(null))
            .Render(NotificationKind.Completion, change, RenderingFixtures.Acme());

        Assert.Equal($"Completed: {RenderingFixtures.ChangeId} Line one Bcc: victim@example.com", email.Subject);
    }

    [Fact]
    public void Unsubscribe_placeholder_reaches_ses_untouched_in_both_formats()
    {
        var email = Render(NotificationKind.Announcement);

        Assert.Contains("href=\"{{amazonSESUnsubscribeUrl}}\"", email.HtmlBody);
        Assert.Contains("{{amazonSESUnsubscribeUrl}}", email.TextBody);
    }
}
