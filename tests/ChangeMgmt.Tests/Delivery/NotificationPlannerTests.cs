using ChangeMgmt.Core.Announcements;
using ChangeMgmt.Core.Changes;
using ChangeMgmt.Core.Delivery;
using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Tests.Delivery;

public sealed class NotificationPlannerTests
{
    private static readonly DateTimeOffset ApprovedAt = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    private static IReadOnlyList<(NotificationKind, string)> Plan(ChangeStatus status, DateTimeOffset? approvedAt = null, string prefix = "aws") =>
        [.. NotificationPlanner.Plan(new Change { ChangeId = "CHG-1", Status = status, ApprovedAt = approvedAt }, prefix).Select(p => (p.Kind, p.Topic))];

    [Fact]
    public void Draft_sends_nothing() => Assert.Empty(Plan(ChangeStatus.Draft));

    [Fact]
    public void Submitted_asks_for_approval() =>
        Assert.Equal([(NotificationKind.ApprovalRequest, "aws-approval")], Plan(ChangeStatus.Submitted));

    [Fact]
    public void Approved_announces_and_invites() =>
        Assert.Equal(
            [(NotificationKind.Announcement, "aws-announce"), (NotificationKind.CalendarInvite, "aws-calendar")],
            Plan(ChangeStatus.Approved, ApprovedAt));

    [Fact]
    public void Completed_sends_the_completion_notice() =>
        Assert.Equal([(NotificationKind.Completion, "aws-announce")], Plan(ChangeStatus.Completed, ApprovedAt));

    [Fact]
    public void Cancelled_after_approval_is_announced_and_the_invite_is_cancelled() =>
        Assert.Equal(
            [(NotificationKind.Cancellation, "aws-announce"), (NotificationKind.CalendarCancel, "aws-calendar")],
            Plan(ChangeStatus.Cancelled, ApprovedAt));

    [Fact]
    public void A_draft_cancelled_before_it_was_ever_submitted_sends_nothing() =>
        Assert.Empty(NotificationPlanner.Plan(new Change { ChangeId = "CHG-1", Status = ChangeStatus.Cancelled, SubmittedAt = null, ApprovedAt = null }, "aws"));

    [Fact]
    public void Cancelled_after_submission_but_before_approval_goes_to_the_approvers() =>
        Assert.Equal(
            [(NotificationKind.Cancellation, "aws-approval")],
            [.. NotificationPlanner.Plan(new Change { ChangeId = "CHG-1", Status = ChangeStatus.Cancelled, SubmittedAt = ApprovedAt.AddDays(-1) }, "aws").Select(p => (p.Kind, p.Topic))]);

    [Fact]
    public void The_topic_prefix_is_the_one_given() =>
        Assert.Equal(
            [(NotificationKind.Announcement, "azure-announce"), (NotificationKind.CalendarInvite, "azure-calendar")],
            Plan(ChangeStatus.Approved, ApprovedAt, "azure"));

    [Fact]
    public void Every_status_is_planned()
    {
        foreach (var status in Enum.GetValues<ChangeStatus>())
        {
            var plan = Plan(status, ApprovedAt);
            // Nothing goes to customers for a draft, nor for a change sent back to its author.
            Assert.True(status is ChangeStatus.Draft or ChangeStatus.Rejected == (plan.Count == 0), $"{status}: {plan.Count} notifications");
        }
    }
}

public sealed class AnnouncementPlanTests
{
    private static readonly DateTimeOffset Approved = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly ChangeMgmt.Core.Configuration.AnnouncementTypeConfig General =
        AnnouncementTypes.Defaults.Single(t => t.Name == "general");

    private static IReadOnlyList<NotificationKind> Plan(AnnouncementStatus status, DateTimeOffset? approvedAt,
        DateTimeOffset? publishAt = null, DateTimeOffset? cancelledAt = null, string customer = "acme") =>
        [.. NotificationPlanner.Plan(new Announcement
        {
            AnnouncementId = "ANN-20261201-PLAN01", Customers = ["acme"], Status = status,
            ApprovedAt = approvedAt, PublishAt = publishAt, CancelledAt = cancelledAt,
        }, General, customer).Select(p => p.Kind)];

    [Fact]
    public void Approved_sends_its_notice_to_its_customers_only()
    {
        Assert.Equal([NotificationKind.AnnouncementNotice], Plan(AnnouncementStatus.Approved, Approved));
        Assert.Empty(Plan(AnnouncementStatus.Approved, Approved, customer: "globex"));
    }

    [Fact]
    public void Cancelled_after_it_went_out_sends_its_withdrawal() =>
        Assert.Equal([NotificationKind.AnnouncementCancellation],
            Plan(AnnouncementStatus.Cancelled, Approved, publishAt: Approved.AddHours(1), cancelledAt: Approved.AddHours(2)));

    [Fact]
    public void Cancelled_before_it_went_out_sends_nothing()
    {
        Assert.Empty(Plan(AnnouncementStatus.Cancelled, approvedAt: null, cancelledAt: Approved));
        Assert.Empty(Plan(AnnouncementStatus.Cancelled, Approved, publishAt: Approved.AddDays(1), cancelledAt: Approved.AddHours(2)));
    }
}
