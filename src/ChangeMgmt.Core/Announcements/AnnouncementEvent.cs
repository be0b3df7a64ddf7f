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

    /// <summary>
    /// The announcement's event; null when it has none or a part is unusable. <paramref name="errors"/> gets what is
    /// wrong with <c>meeting_date</c>; the zone and the duration themselves are <see cref="AnnouncementValidator"/>'s to report.
    /// </summary>
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
        var zone = announcement.MeetingTimezone is { } name ? IanaZones.Find(name, out _) : null;
        if (zone is null)
        {
            if (start.IsWallClock)
                errors.Add(new("meeting_date", $"'{start.Text}' has no UTC offset, so it is read in meeting_timezone, which is missing or not an IANA zone; fix the zone or add the offset (e.g. 2026-12-10T10:00:00-05:00)."));
            return null;
        }
        return start.In(announcement.MeetingTimezone, "meeting_date", errors) is { } instant
            && announcement.MeetingDuration is { } minutes && minutes > 0
            ? new(instant, TimeSpan.FromMinutes(minutes), announcement.MeetingTimezone!, announcement.MeetingLocation, announcement.Attendees ?? [])
            : null;
    }
}
