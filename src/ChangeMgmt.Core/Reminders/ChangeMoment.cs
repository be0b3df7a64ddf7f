using ChangeMgmt.Core.Changes;
using ChangeMgmt.Core.Configuration;
using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Core.Reminders;

/// <summary>A time in an approved change's window that its customers hear about: the day and the hour before, the start, the end unmarked.</summary>
public enum ChangeMoment { DayBefore, HourBefore, Started, WindowEnded }

public static class ChangeMoments
{
    public static readonly IReadOnlyList<ChangeMoment> All = Enum.GetValues<ChangeMoment>();

    /// <summary>The moment's name in keys: <c>reminder-24h</c>, <c>reminder-1h</c>, <c>started</c>, <c>window-ended</c>.</summary>
    public static string Name(this ChangeMoment moment) => moment switch
    {
        ChangeMoment.DayBefore => "reminder-24h",
        ChangeMoment.HourBefore => "reminder-1h",
        ChangeMoment.Started => "started",
        _ => "window-ended",
    };

    public static ChangeMoment? Parse(string name) => All.Cast<ChangeMoment?>().FirstOrDefault(m => m!.Value.Name() == name);

    public static NotificationKind Kind(this ChangeMoment moment) => moment switch
    {
        ChangeMoment.DayBefore => NotificationKind.ReminderDayBefore,
        ChangeMoment.HourBefore => NotificationKind.ReminderHourBefore,
        ChangeMoment.Started => NotificationKind.WindowStarted,
        _ => NotificationKind.WindowEnded,
    };

    /// <summary>When the moment comes for a window; null when the change has no window.</summary>
    public static DateTimeOffset? Due(this ChangeMoment moment, Change change, TimeSpan grace) => (moment, change.ImplementationStart, change.ImplementationEnd) switch
    {
        (ChangeMoment.DayBefore, { } start, _) => start.AddHours(-24),
        (ChangeMoment.HourBefore, { } start, _) => start.AddHours(-1),
        (ChangeMoment.Started, { } start, _) => start,
        (ChangeMoment.WindowEnded, _, { } end) => end + grace,
        _ => null,
    };

    /// <summary>
    /// Whether the notice still says something true at <paramref name="now"/>: each until the next moment comes (the day
    /// before until the hour before, that until the start, "started" until the end), so a sweep or a queue that ran late
    /// sends nothing stale; "window ended" always.
    /// </summary>
    public static bool IsTimely(this ChangeMoment moment, Change change, DateTimeOffset now) => moment switch
    {
        ChangeMoment.DayBefore => change.ImplementationStart?.AddHours(-1) > now,
        ChangeMoment.HourBefore => change.ImplementationStart > now,
        ChangeMoment.Started => change.ImplementationEnd > now,
        _ => true,
    };

    /// <summary>Whether the customer's settings (default: every moment) send this one.</summary>
    public static bool IsOn(this ChangeMoment moment, ReminderConfig settings) => moment switch
    {
        ChangeMoment.DayBefore => settings.DayBefore ?? true,
        ChangeMoment.HourBefore => settings.HourBefore ?? true,
        ChangeMoment.Started => settings.Started ?? true,
        _ => settings.WindowEnded ?? true,
    };

    /// <summary>
    /// The version that approved the change (its last <c>approved</c> modification): the timed notices belong to that
    /// approval, so an edit that needs no approval again keeps them, and one that does makes new ones.
    /// </summary>
    public static int ApprovedVersion(Change change) =>
        change.VersionWhen(ChangeStatus.Approved) ?? change.Version;
}
