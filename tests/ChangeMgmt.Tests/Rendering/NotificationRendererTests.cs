using ChangeMgmt.Core.Changes;
using ChangeMgmt.Core.Ports;
using ChangeMgmt.Core.Rendering;

namespace ChangeMgmt.Tests.Rendering;

public class NotificationRendererTests
{
    private const string ChangeUrl = "https://changes.msp.example/detail.html?id=CHG-20261130-7Q2K9D";
    private const string Schedule = "Thu 3 Dec 2026 22:00 \u2013 23:30 (America/New_York, UTC\u221205:00)";

    private static RenderedEmail Render(NotificationKind kind, Change? change = null) =>
        new NotificationRenderer(RenderingFixtures.Email(), new TemplateLibrary(null), new FixedTimeProvider(RenderingFixtures.Now))
            .Render(kind, change ?? RenderingFixtures.SubmittedChange(), RenderingFixtures.Acme());

    [Theory]
    [InlineData(NotificationKind.ApprovalRequest, "Approval requested: ")]
    [InlineData(NotificationKind.Announcement, "Scheduled change: ")]
    [InlineData(NotificationKind.CalendarInvite, "Invitation: ")]
    [InlineData(NotificationKind.Completion, "Completed: ")]
    [InlineData(NotificationKind.Cancellation, "Cancelled: ")]
    [InlineData(NotificationKind.CalendarCancel, "Invitation cancelled: ")]
    public void Subject_names_what_happened_the_change_and_its_title(NotificationKind kind, string prefix)
    {
        var email = Render(kind);

        Assert.Equal($"{prefix}{RenderingFixtures.ChangeId} {RenderingFixtures.Title}", email.Subject);
    }

    [Theory]
    [MemberData(nameof(AllKinds))]
    public void Every_kind_shows_customer_schedule_summary_tickets_link_and_unsubscribe(NotificationKind kind)
    {
        var email = Render(kind);

        foreach (var body in new[] { email.HtmlBody, email.TextBody })
        {
            Assert.Contains("Acme Corp", body);
            Assert.Contains(RenderingFixtures.ChangeId, body);
            Assert.Contains(RenderingFixtures.Title, body);
            Assert.Contains(Schedule, body);
            Assert.Contains("Certificates expire on 2026-12-15.", body);
            Assert.Contains("None expected; a few seconds of reconnects possible.", body);
            Assert.Contains("CHG0031337", body);
            Assert.Contains("OPS-4411", body);
            Assert.Contains(ChangeUrl, body);
            Assert.Contains("{{amazonSESUnsubscribeUrl}}", body);
        }
    }

    [Theory]
    [InlineData(NotificationKind.ApprovalRequest)]
    [InlineData(NotificationKind.Announcement)]
    [InlineData(NotificationKind.CalendarInvite)]
    public void Kinds_that_ask_or_announce_carry_the_plans(NotificationKind kind)
    {
        var email = Render(kind);

        Assert.Contains("1. Import new certificates.<br>\n2. Switch listeners.<br>\n3. Verify handshakes.", email.HtmlBody);
        Assert.Contains("1. Import new certificates.\n2. Switch listeners.\n3. Verify handshakes.", email.TextBody);
        foreach (var body in new[] { email.HtmlBody, email.TextBody })
        {
            Assert.Contains("Synthetic checks against every listener.", body);
            Assert.Contains("Switch listeners back to the previous certificates.", body);
        }
    }

    [Fact]
    public void Approval_request_links_to_approve()
    {
        var email = Render(NotificationKind.ApprovalRequest);

        Assert.Contains($"href=\"{ChangeUrl}&amp;action=approve\"", email.HtmlBody);
        Assert.Contains($"{ChangeUrl}&action=approve", email.TextBody);
        Assert.Contains("jane.doe@msp.example asks for your approval", email.TextBody);
    }

    [Theory]
    [InlineData(NotificationKind.Announcement)]
    [InlineData(NotificationKind.Completion)]
    [InlineData(NotificationKind.Cancellation)]
    public void Only_the_approval_request_links_to_approve(NotificationKind kind) =>
        Assert.DoesNotContain("action=approve", Render(kind).HtmlBody);

    [Fact]
    public void Completion_says_when_and_by_whom_in_the_change_zone()
    {
        var change = RenderingFixtures.SubmittedChange() with
        {
            Status = ChangeStatus.Completed,
            CompletedAt = DateTimeOffset.Parse("2026-12-04T04:10:00Z"),
            CompletedBy = "ops@msp.example",
        };

        var email = Render(NotificationKind.Completion, change);

        Assert.Contains("completed (Thu 3 Dec 2026 23:10 (America/New_York, UTC\u221205:00)) by ops@msp.example.", email.TextBody);
    }

    [Theory]
    [InlineData(NotificationKind.CalendarInvite, "REQUEST")]
    [InlineData(NotificationKind.CalendarCancel, "CANCEL")]
    public void Calendar_kinds_attach_the_invite(NotificationKind kind, string method)
    {
        var attachment = Assert.Single(Render(kind).Attachments);

        Assert.Equal("invite.ics", attachment.FileName);
        Assert.Equal($"text/calendar; method={method}; charset=UTF-8", attachment.ContentType);
        Assert.Equal(method, attachment.Method);
        Assert.Contains($"METHOD:{method}\r\n", System.Text.Encoding.UTF8.GetString(attachment.Content));
    }

    [Theory]
    [InlineData(NotificationKind.ApprovalRequest)]
    [InlineData(NotificationKind.Announcement)]
    [InlineData(NotificationKind.Completion)]
    [InlineData(NotificationKind.Cancellation)]
    public void Other_kinds_attach_nothing(NotificationKind kind) => Assert.Empty(Render(kind).Attachments);

    [Fact]
    public void Missing_optional_fields_leave_no_empty_headings()
    {
        var change = new Change { ChangeId = RenderingFixtures.ChangeId, Version = 1 };

        var email = Render(NotificationKind.Announcement, change);

        Assert.Equal($"Scheduled change: {RenderingFixtures.ChangeId} (untitled change)", email.Subject);
        Assert.Contains("Not scheduled yet", email.TextBody);
        Assert.DoesNotContain("Rollback plan", email.TextBody);
        Assert.DoesNotContain("ServiceNow", email.HtmlBody);
        Assert.DoesNotContain("Jira", email.TextBody);
    }

    [Fact]
    public void Without_a_portal_there_are_no_links()
    {
        var renderer = new NotificationRenderer(RenderingFixtures.Email() with { PortalBaseUrl = null }, new TemplateLibrary(null));

        var email = renderer.Render(NotificationKind.ApprovalRequest, RenderingFixtures.SubmittedChange(), RenderingFixtures.Acme());

        Assert.DoesNotContain("href=\"https://", email.HtmlBody);
        Assert.DoesNotContain("Review and approve", email.TextBody);
    }

    [Fact]
    public void Calendar_kinds_without_a_window_fail_naming_the_change_and_field()
    {
        var change = RenderingFixtures.SubmittedChange() with { ImplementationEnd = null };

        var error = Assert.Throws<InvalidOperationException>(() => Render(NotificationKind.CalendarInvite, change));

        Assert.Contains(RenderingFixtures.ChangeId, error.Message);
        Assert.Contains("implementationEnd", error.Message);
    }

    /// <summary>Every kind a change is sent as (an announcement's notice renders from an announcement).</summary>
    public static TheoryData<NotificationKind> AllKinds() => new(Enum.GetValues<NotificationKind>().Where(k => !k.IsAnnouncements()));
}
