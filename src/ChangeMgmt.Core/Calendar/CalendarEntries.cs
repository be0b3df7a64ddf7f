using ChangeMgmt.Core.Changes;

namespace ChangeMgmt.Core.Calendar;

/// <summary>What a calendar shows for a range: the changes, the announcements' events and the freezes' occurrences in it.</summary>
public sealed record CalendarView(
    DateTimeOffset From, DateTimeOffset To, IReadOnlyList<CalendarChange> Changes, IReadOnlyList<CalendarAnnouncement> Announcements,
    IReadOnlyList<CalendarFreeze> Freezes);

/// <summary>A change's implementation window, in its own zone's terms (<see cref="Timezone"/>); emergency: submitted or approved as one.</summary>
public sealed record CalendarChange(
    string ChangeId, string? Title, ChangeStatus Status, IReadOnlyList<string> Customers,
    DateTimeOffset ImplementationStart, DateTimeOffset ImplementationEnd, string? Timezone, bool? Emergency);

/// <summary>An announcement's event (meeting).</summary>
public sealed record CalendarAnnouncement(
    string AnnouncementId, string? Title, Announcements.AnnouncementStatus Status, IReadOnlyList<string> Customers,
    DateTimeOffset Start, DateTimeOffset End, string? Timezone);

/// <summary>One occurrence of a freeze (<see cref="End"/> exclusive); no customers: global.</summary>
public sealed record CalendarFreeze(
    string FreezeId, string? Name, string? Reason, IReadOnlyList<string> Customers, DateTimeOffset Start, DateTimeOffset End, bool AllDay);
