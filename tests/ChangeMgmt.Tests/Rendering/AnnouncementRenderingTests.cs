using System.Text;
using ChangeMgmt.Core.Announcements;
using ChangeMgmt.Core.Ports;
using ChangeMgmt.Core.Rendering;
using ChangeMgmt.Tests.Announcements;

namespace ChangeMgmt.Tests.Rendering;

public sealed class AnnouncementRenderingTests : IDisposable
{
    private const string Hostile = "<script>alert(1)</script> & \"x\"";
    private static readonly EmailAttachment Report = new("q4-cost-report.pdf", "application/pdf", [0x25, 0x50, 0x44, 0x46]);
    private static readonly Core.Configuration.AnnouncementTypeConfig FinOps = AnnouncementTypes.Defaults.Single(t => t.Name == "finops");
    private readonly TempDirectory overrides = new();

    public void Dispose() => overrides.Dispose();

    private static Announcement Approved() => AnnouncementFixtures.Original() with { Status = AnnouncementStatus.Approved };

    private RenderedEmail Render(Announcement announcement, string? overrideDirectory = null) =>
        new NotificationRenderer(RenderingFixtures.Email(), new TemplateLibrary(overrideDirectory), new FixedTimeProvider(RenderingFixtures.Now))
            .Render(announcement, FinOps, RenderingFixtures.Acme(), [Report]);

    [Fact]
    public void Subject_is_the_title_and_the_bodies_carry_summary_content_type_and_customer()
    {
        var email = Render(Approved());

        Assert.Equal("Quarterly cost review and savings plan renewal", email.Subject);
        Assert.Contains("Your Q4 cost report is ready", email.HtmlBody);
        Assert.Contains("<strong>12%</strong>", email.HtmlBody);
        Assert.Contains("<a href=\"https://portal.msp.example/reports/q4\">cost report</a>", email.HtmlBody);
        Assert.Contains("FinOps announcement for <strong style=\"color:#1f2937;\">Acme Corp</strong>", email.HtmlBody);
        Assert.Contains("{{amazonSESUnsubscribeUrl}}", email.HtmlBody);
        Assert.Contains("FinOps: Quarterly cost review", email.TextBody);
        Assert.Contains("cost report (https://portal.msp.example/reports/q4)", email.TextBody);
        Assert.Contains("subscribed to FinOps announcements for Acme Corp", email.TextBody);
        Assert.Contains("{{amazonSESUnsubscribeUrl}}", email.TextBody);
        Assert.DoesNotContain("<strong>", email.TextBody);
    }

    [Fact]
    public void Title_and_summary_are_escaped_and_markdown_is_sanitised()
    {
        var email = Render(Approved() with
        {
            Title = Hostile,
            Summary = Hostile,
            Content = "<script>alert(2)</script>\n\n[click](javascript:alert(3)) <img src=x onerror=alert(4)>",
            Links = [new() { Title = Hostile, Url = "javascript:alert(5)" }, new() { Title = "Docs", Url = "https://docs.msp.example" }],
        });

        Assert.DoesNotContain("<script", email.HtmlBody);
        Assert.DoesNotContain("javascript:", email.HtmlBody);
        Assert.DoesNotContain("<img", email.HtmlBody);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot;", email.HtmlBody);
        Assert.Contains("<a href=\"https://docs.msp.example\">Docs</a>", email.HtmlBody);
        Assert.Equal("<script>alert(1)</script> & \"x\"", email.Subject);
        Assert.Contains("- Docs: https://docs.msp.example", email.TextBody);
        Assert.DoesNotContain("javascript:", email.TextBody);
    }

    [Fact]
    public void Files_are_attachments_and_an_event_adds_the_invite()
    {
        var email = Render(Approved());

        Assert.Equal(["q4-cost-report.pdf", CalendarInvite.FileName], email.Attachments.Select(a => a.FileName));
        Assert.Equal(Report.Content, email.Attachments[0].Content);
        Assert.Equal("REQUEST", email.Attachments[1].Method);
        Assert.Contains("When: Thu 10 Dec 2026 10:00", email.TextBody);
        Assert.Contains("Where: Microsoft Teams", email.TextBody);
    }

    [Fact]
    public void A_cancellation_withdraws_it_with_no_files_and_cancels_the_same_invite_with_a_higher_sequence()
    {
        var sent = Approved() with { Version = 3 };
        var cancelled = sent with { Status = AnnouncementStatus.Cancelled, Version = 4, CancelledAt = new DateTimeOffset(2026, 12, 8, 9, 0, 0, TimeSpan.Zero) };

        var email = new NotificationRenderer(RenderingFixtures.Email(), new TemplateLibrary(null), new FixedTimeProvider(RenderingFixtures.Now))
            .Render(NotificationKind.AnnouncementCancellation, cancelled, FinOps, RenderingFixtures.Acme(), [Report]);

        Assert.Equal($"Cancelled: {sent.Title}", email.Subject);
        Assert.Contains("withdrawn", email.TextBody);
        Assert.Contains("Cancelled: Thu 10 Dec 2026 10:00", email.TextBody);
        var ics = Assert.Single(email.Attachments);
        var text = Encoding.UTF8.GetString(ics.Content);
        Assert.Equal("CANCEL", ics.Method);
        Assert.Contains("STATUS:CANCELLED", text);
        Assert.Equal(Line(Ics(Render(sent)), "UID:"), Line(text, "UID:"));
        Assert.Contains("SEQUENCE:4", text);
    }

    [Fact]
    public void A_change_notification_kind_is_not_an_announcements()
    {
        var renderer = new NotificationRenderer(RenderingFixtures.Email(), new TemplateLibrary(null));

        Assert.Throws<ArgumentException>(() => renderer.Render(NotificationKind.Cancellation, Approved(), FinOps, RenderingFixtures.Acme(), []));
    }

    private static string Line(string ics, string prefix) => ics.Split("\r\n").Single(l => l.StartsWith(prefix, StringComparison.Ordinal));

    [Fact]
    public void Without_an_event_only_the_files_are_attached()
    {
        var email = Render(Approved() with { IncludeMeeting = false });

        Assert.Equal(["q4-cost-report.pdf"], email.Attachments.Select(a => a.FileName));
        Assert.DoesNotContain("When:", email.TextBody);
    }

    [Fact]
    public void Invite_uid_is_the_announcement_id_sequence_the_version_and_times_in_the_event_zone()
    {
        var first = Ics(Render(Approved() with { Version = 2 }));
        var later = Ics(Render(Approved() with { Version = 5, MeetingDate = "2026-12-11T15:30:00" }));

        Assert.Contains("METHOD:REQUEST", first);
        Assert.Contains("UID:ANN-20261201-4MX8TP@msp.example", first);
        Assert.Contains("UID:ANN-20261201-4MX8TP@msp.example", later);
        Assert.Contains("SEQUENCE:2", first);
        Assert.Contains("SEQUENCE:5", later);
        // 10:00 in New York in December is 15:00 UTC; 60 minutes.
        Assert.Contains("DTSTART:20261210T150000Z", first);
        Assert.Contains("DTEND:20261210T160000Z", first);
        Assert.Contains("DTSTART:20261211T203000Z", later);
        Assert.Contains("LOCATION:Microsoft Teams", first);
        // The invite links to the announcement's own page, which the portal serves (not the change page).
        Assert.Contains("URL:https://changes.msp.example/announcement-detail.html?id=ANN-20261201-4MX8TP", first.Replace("\r\n ", "", StringComparison.Ordinal));
    }

    [Fact]
    public void A_customer_override_replaces_the_announcement_template_for_that_customer()
    {
        overrides.Write(Path.Combine("acme", "announcement-notice.subject.txt"), "Acme news: {{title}}");
        overrides.Write(Path.Combine("acme", "announcement-notice.html"), "<p>{{summary}}</p>{{&contentHtml}}");

        var email = Render(Approved(), overrides.Path);

        Assert.Equal("Acme news: Quarterly cost review and savings plan renewal", email.Subject);
        Assert.Contains("<strong>12%</strong>", email.HtmlBody);
        Assert.DoesNotContain("When:", email.HtmlBody);
    }

    [Fact]
    public void An_override_cannot_insert_user_text_unescaped()
    {
        overrides.Write(Path.Combine("acme", "announcement-notice.html"), "<h1>{{&title}}</h1>");

        var error = Assert.Throws<TemplateException>(() => Render(Approved() with { Title = Hostile }, overrides.Path));

        Assert.Contains("{{&title}}", error.Message);
    }

    private static string Ics(RenderedEmail email) =>
        Encoding.UTF8.GetString(email.Attachments.Single(a => a.FileName == CalendarInvite.FileName).Content);
}
