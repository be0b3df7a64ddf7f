using System.Globalization;
using ChangeMgmt.Core.Changes;

namespace ChangeMgmt.Core.Announcements;

/// <summary>How large an announcement may be, field by field (the change's limits where a field is the same kind).</summary>
public static class AnnouncementLimits
{
    public const int Title = ChangeLimits.Title;
    public const int Summary = 1_000;
    /// <summary>
    /// Markdown characters: a long newsletter, still far inside <see cref="ChangeLimits.MaxBodyBytes"/> when every
    /// character is written as a six-byte \uXXXX escape.
    /// </summary>
    public const int Content = 50_000;
    public const int Location = 500;
    public const int Attendees = 500;
    public const int Links = 50;
    public const int Url = 2_048;
    /// <summary>A week: a training course or a summit; anything longer is not one event.</summary>
    public const int MeetingDurationMinutes = 7 * 24 * 60;

    public static void Check(Announcement announcement, List<FieldError> errors)
    {
        ChangeLimits.Length("title", announcement.Title, Title, errors);
        ChangeLimits.Length("summary", announcement.Summary, Summary, errors);
        ChangeLimits.Length("content", announcement.Content, Content, errors);
        ChangeLimits.Length("meeting_location", announcement.MeetingLocation, Location, errors);
        ChangeLimits.Length("meeting_timezone", announcement.MeetingTimezone, ChangeLimits.Timezone, errors);
        Count("customers", announcement.Customers.Count, ChangeLimits.Customers, errors);
        Count("attendees", announcement.Attendees?.Count ?? 0, Attendees, errors);
        Count("links", announcement.Links?.Count ?? 0, Links, errors);
        Count("attachments", announcement.Attachments?.Count ?? 0, AttachmentRules.MaxCount, errors);
        ChangeLimits.UnknownFields(announcement.Extra, errors);
    }

    private static void Count(string field, int count, int max, List<FieldError> errors)
    {
        if (count > max)
            errors.Add(new(field, string.Create(CultureInfo.InvariantCulture, $"At most {max:N0}; this announcement has {count:N0}.")));
    }
}
