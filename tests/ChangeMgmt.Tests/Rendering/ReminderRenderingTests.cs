using ChangeMgmt.Core.Changes;
using ChangeMgmt.Core.Ports;
using ChangeMgmt.Core.Rendering;

namespace ChangeMgmt.Tests.Rendering;

/// <summary>The timed notices' emails: what they say, the window in the change's zone, the portal link, user text escaped.</summary>
public class ReminderRenderingTests
{
    private static readonly Change Approved = RenderingFixtures.SubmittedChange() with
    {
        ChangeTitle = "Patch <b>bastion</b> & \"jump\" hosts\r\nBcc: x@evil.example",
        Status = ChangeStatus.Approved, ApprovedBy = "bob", ApprovedAt = RenderingFixtures.Now,
    };

    private static RenderedEmail Render(NotificationKind kind) =>
        new NotificationRenderer(RenderingFixtures.Email(), new TemplateLibrary(null)).Render(kind, Approved, RenderingFixtures.Acme());

    [Theory]
    [InlineData(NotificationKind.ReminderDayBefore, "Reminder: ", "starts in 24 hours")]
    [InlineData(NotificationKind.ReminderHourBefore, "Reminder: ", "starts in 1 hour")]
    [InlineData(NotificationKind.WindowStarted, "Started: ", "has started")]
    [InlineData(NotificationKind.WindowEnded, "Window ended: ", "has not been marked complete")]
    public void Each_notice_says_what_happens_with_the_schedule_and_the_link_and_escapes_the_title(NotificationKind kind, string subject, string says)
    {
        var email = Render(kind);

        Assert.StartsWith($"{subject}{Approved.ChangeId} Patch <b>bastion</b>", email.Subject);
        Assert.DoesNotContain('\n', email.Subject);
        Assert.Contains(says, email.HtmlBody);
        Assert.Contains(says, email.TextBody);
        Assert.Contains("Patch &lt;b&gt;bastion&lt;/b&gt; &amp; &quot;jump&quot; hosts", email.HtmlBody);
        Assert.DoesNotContain("<b>bastion", email.HtmlBody);
        Assert.Contains(PortalLinks.Change(RenderingFixtures.Email(), Approved.ChangeId)!, email.TextBody);
        Assert.Contains(ScheduleText.Describe(Approved.ImplementationStart, Approved.ImplementationEnd, ChangeZone.For(Approved.Timezone)), email.TextBody);
        Assert.Empty(email.Attachments);
    }
}
