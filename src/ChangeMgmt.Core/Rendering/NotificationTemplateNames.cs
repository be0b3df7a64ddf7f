using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Core.Rendering;

/// <summary>
/// Template file names per notification: <c>{name}.subject.txt</c>, <c>{name}.html</c>, <c>{name}.txt</c>;
/// the bodies are included by <c>layout.html</c> and <c>layout.txt</c>.
/// </summary>
public static class NotificationTemplateNames
{
    /// <summary>The name a layout uses to include the notification's own body: <c>{{>content}}</c>.</summary>
    public const string ContentInclude = "content";

    /// <summary>Send-SesTestEmail's message: not a notification kind, since no change is behind it.</summary>
    public const string TestMessage = "test-message";

    public static string For(NotificationKind kind) => kind switch
    {
        NotificationKind.ApprovalRequest => "approval-request",
        NotificationKind.Announcement => "announcement",
        NotificationKind.CalendarInvite => "calendar-invite",
        NotificationKind.Completion => "completion",
        NotificationKind.Cancellation => "cancellation",
        NotificationKind.CalendarCancel => "calendar-cancel",
        NotificationKind.AnnouncementNotice => "announcement-notice",
        NotificationKind.AnnouncementCancellation => "announcement-cancellation",
        NotificationKind.ReminderDayBefore or NotificationKind.ReminderHourBefore => "reminder",
        NotificationKind.WindowStarted => "window-started",
        NotificationKind.WindowEnded => "window-ended",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown notification kind."),
    };
}
