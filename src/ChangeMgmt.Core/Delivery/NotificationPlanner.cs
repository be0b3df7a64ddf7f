using ChangeMgmt.Core.Changes;
using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Core.Delivery;

public sealed record PlannedNotification(NotificationKind Kind, string Topic);

/// <summary>Change status → which emails go to which topic (DESIGN.md, "Lifecycle → notification").</summary>
public static class NotificationPlanner
{
    public static IReadOnlyList<PlannedNotification> Plan(Change change, string topicPrefix)
    {
        string Topic(string member) => $"{topicPrefix}-{member}";
        return change.Status switch
        {
            ChangeStatus.Submitted => [new(NotificationKind.ApprovalRequest, Topic("approval"))],
            ChangeStatus.Approved => [new(NotificationKind.Announcement, Topic("announce")), new(NotificationKind.CalendarInvite, Topic("calendar"))],
            ChangeStatus.Completed => [new(NotificationKind.Completion, Topic("announce"))],
            ChangeStatus.Cancelled when change.ApprovedAt is not null =>
                [new(NotificationKind.Cancellation, Topic("announce")), new(NotificationKind.CalendarCancel, Topic("calendar"))],
            ChangeStatus.Cancelled when change.SubmittedAt is not null => [new(NotificationKind.Cancellation, Topic("approval"))],
            _ => [],
        };
    }
}
