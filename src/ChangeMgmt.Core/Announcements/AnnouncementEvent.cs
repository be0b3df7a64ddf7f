using ChangeMgmt.Core.Changes;

namespace ChangeMgmt.Core.Announcements;

/// <summary>
/// The meeting or event an announcement invites to, read from the original's flat <c>meeting_*</c> fields
/// (<see cref="Announcement.IncludeMeeting"/> …): a start instant, how long, the IANA zone it is shown in.
/// </summary>
public sealed record AnnouncementEvent(
    DateTimeOffset Start,
    TimeSpan Duration,
    string Timezone,
    string? Location,
    IReadOnlyList<string> Attendees)
{
    public DateTimeOffset End => Start + Duration;

    /// <summary>The announcement's event; null when it has none, or (with <paramref name="errors"/> naming the field) when a part is unusable.</summary>
    public static AnnouncementEvent? Of(Announcement announcement, List<FieldError> errors)
    {
        if (!announcement.HasEvent || string.IsNullOrWhiteSpace(announcement.MeetingDate)) return null;
        ScheduleTime start;
        try
        {
            start = ScheduleTime.Parse(announcement.MeetingDate);
        }
        catch (FormatException e)
        {
            errors.Add(new("meeting_date", e.Message));
            return null;
        }
        return start.In(announcement.MeetingTimezone, "meeting_date", errors) is { } instant
            && announcement.MeetingDuration is { } minutes && minutes > 0
            ? new(instant, TimeSpan.FromMinutes(minutes), announcement.MeetingTimezone ?? "UTC", announcement.MeetingLocation, announcement.Attendees ?? [])
            : null;
    }
}
