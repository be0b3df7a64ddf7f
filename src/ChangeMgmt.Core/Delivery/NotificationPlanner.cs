using ChangeMgmt.Core.Announcements;
using ChangeMgmt.Core.Changes;
using ChangeMgmt.Core.Configuration;
using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Core.Delivery;

public sealed record PlannedNotification(NotificationKind Kind, string Topic);

/// <summary>
/// Change status → which emails go to which topic (DESIGN.md, "Lifecycle → notification"); an approved
/// announcement → one email to its type's topic.
/// </summary>
public static class NotificationPlanner
{
    /// <param name="customerCode">The customer notified: one removed from the change after it was told gets its cancellation.</param>
    public static IReadOnlyList<PlannedNotification> Plan(Change change, string topicPrefix, string? customerCode = null)
    {
        string Topic(string member) => $"{topicPrefix}-{member}";
        if (customerCode is not null && change.WithdrawalOf(customerCode) is { } withdrawn)
            return withdrawn.Announced
                ? [new(NotificationKind.Cancellation, Topic("announce")), new(NotificationKind.CalendarCancel, Topic("calendar"))]
                : [new(NotificationKind.Cancellation, Topic("approval"))];
        return change.Status switch
        {
            ChangeStatus.Submitted => [new(NotificationKind.ApprovalRequest, Topic("approval"))],
            ChangeStatus.Approved => [new(NotificationKind.Announcement, Topic("announce")), new(NotificationKind.CalendarInvite, Topic("calendar"))],
            ChangeStatus.Completed => [new(NotificationKind.Completion, Topic("announce"))],
            ChangeStatus.Cancelled when change.ApprovedAt is not null || change.PreviousAnnouncement is not null =>
                [new(NotificationKind.Cancellation, Topic("announce")), new(NotificationKind.CalendarCancel, Topic("calendar"))],
            ChangeStatus.Cancelled when change.SubmittedAt is not null => [new(NotificationKind.Cancellation, Topic("approval"))],
            _ => [],
        };
    }

    /// <summary>
    /// An announcement that includes the customer, to its type's topic (not prefixed: SESConfig names it whole):
    /// approved, its notice; cancelled after it was sent, its withdrawal (the invite's CANCEL when it had an event).
    /// A cancelled one that never went out (a submission, or an approval still waiting for its publishAt) sends nothing.
    /// </summary>
    public static IReadOnlyList<PlannedNotification> Plan(Announcement announcement, AnnouncementTypeConfig type, string customerCode)
    {
        if (!announcement.Customers.Contains(customerCode)) return [];
        return announcement.Status switch
        {
            AnnouncementStatus.Approved => [new(NotificationKind.AnnouncementNotice, type.Topic)],
            AnnouncementStatus.Cancelled when WasSent(announcement) => [new(NotificationKind.AnnouncementCancellation, type.Topic)],
            _ => [],
        };
    }

    private static bool WasSent(Announcement a) =>
        a.ApprovedAt is not null && (a.PublishAt is not { } publishAt || a.CancelledAt is not { } cancelledAt || publishAt <= cancelledAt);
}
