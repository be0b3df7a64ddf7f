using ChangeMgmt.Core.Changes;
using ChangeMgmt.Core.Ports;
using ChangeMgmt.Core.Rendering;

namespace ChangeMgmt.Tests.Rendering;

/// <summary>An emergency change (freeze overridden) says so, with its reason, in the approval request and the announcement.</summary>
public class EmergencyRenderingTests
{
    private static readonly Change Emergency = RenderingFixtures.SubmittedChange() with
    {
        Emergency = new("Certificate <expired> & customers down", "alice", RenderingFixtures.Now, [new("FRZ-20261201-ABC123", "Payroll <run>")]),
    };

    private static RenderedEmail Render(NotificationKind kind, Change change) =>
        new NotificationRenderer(RenderingFixtures.Email(), new TemplateLibrary(null)).Render(kind, change, RenderingFixtures.Acme());

    [Fact]
    public void The_approval_request_shows_the_emergency_reason_and_the_freeze_escaped()
    {
        var email = Render(NotificationKind.ApprovalRequest, Emergency);

        Assert.Contains("<strong>Emergency change:</strong> Certificate &lt;expired&gt; &amp; customers down (overrides freeze Payroll &lt;run&gt;)", email.HtmlBody);
        Assert.Contains("Emergency change: Certificate <expired> & customers down (overrides freeze Payroll <run>)", email.TextBody);
    }

    [Fact]
    public void The_announcement_shows_it_and_a_change_that_is_no_emergency_does_not()
    {
        var approved = Emergency with { Status = ChangeStatus.Approved, ApprovedBy = "bob", ApprovedAt = RenderingFixtures.Now };

        Assert.Contains("Emergency change:</strong> Certificate &lt;expired&gt;", Render(NotificationKind.Announcement, approved).HtmlBody);
        Assert.DoesNotContain("Emergency change", Render(NotificationKind.Announcement, approved with { Emergency = null }).HtmlBody);
        Assert.DoesNotContain("Emergency change", Render(NotificationKind.ApprovalRequest, RenderingFixtures.SubmittedChange()).TextBody);
    }

    [Fact]
    public void An_emergency_that_met_no_freeze_shows_only_its_reason()
    {
        var email = Render(NotificationKind.ApprovalRequest, Emergency with { Emergency = Emergency.Emergency! with { Freezes = [] } });

        Assert.Contains("Emergency change: Certificate <expired> & customers down\n", email.TextBody);
        Assert.DoesNotContain("overrides freeze", email.TextBody);
    }
}
