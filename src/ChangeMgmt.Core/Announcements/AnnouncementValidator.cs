using System.Globalization;
using System.Net.Mail;
using ChangeMgmt.Core.Changes;
using ChangeMgmt.Core.Configuration;
using ChangeMgmt.Core.Rendering;

namespace ChangeMgmt.Core.Announcements;

/// <summary>
/// What an announcement must hold: a draft only sound values; one being submitted (<paramref name="complete"/>)
/// everything its readers need, and a publish time still ahead. Each error names the field and the fix.
/// </summary>
public static class AnnouncementValidator
{
    public static IReadOnlyList<FieldError> Validate(Announcement announcement, ChangeMgmtConfig config, bool complete, DateTimeOffset now)
    {
        var errors = new List<FieldError>();
        AnnouncementLimits.Check(announcement, errors);
        if (announcement.AnnouncementId.Length > 0 && !AnnouncementId.IsValid(announcement.AnnouncementId))
            errors.Add(new("announcement_id", "An announcement id is ANN- and up to 64 letters, digits, '-' or '_' (e.g. ANN-20261201-7Q2K9D)."));
        if (announcement.Customers.Count <= ChangeLimits.Customers)
            ChangeValidator.CheckCustomers(announcement.Customers, config, errors);
        CheckType(announcement.AnnouncementType, config, errors);
        if (announcement.Content is { Length: <= AnnouncementLimits.Content } content && MarkdownContent.Problem(content) is { } problem)
            errors.Add(new("content", problem));
        CheckEvent(announcement, complete, errors);
        CheckLinks(announcement.Links, errors);
        AttachmentRules.Check(announcement.AnnouncementId, announcement.Attachments, errors);
        if (complete) RequireAll(announcement, now, errors);
        return errors;
    }

    private static void CheckType(string? type, ChangeMgmtConfig config, List<FieldError> errors)
    {
        if (type is not null && AnnouncementTypes.Find(config, type) is null)
            errors.Add(new("announcement_type", $"'{type}' is not a configured announcement type; use one of {string.Join(", ", AnnouncementTypes.Of(config).Select(t => t.Name))}."));
    }

    private static void CheckEvent(Announcement a, bool complete, List<FieldError> errors)
    {
        if (!a.HasEvent) return;
        if (a.MeetingTimezone is { Length: <= ChangeLimits.Timezone } zone && IanaZones.Find(zone, out var zoneError) is null)
            errors.Add(new("meeting_timezone", zoneError!));
        if (a.MeetingDuration is <= 0 or > AnnouncementLimits.MeetingDurationMinutes)
            errors.Add(new("meeting_duration", string.Create(CultureInfo.InvariantCulture,
                $"Minutes from 1 to {AnnouncementLimits.MeetingDurationMinutes:N0} (a week); this is {a.MeetingDuration}.")));
        AnnouncementEvent.Of(a, errors);
        foreach (var attendee in a.Attendees ?? [])
            if (!MailAddress.TryCreate(attendee, out _))
                errors.Add(new("attendees", $"'{attendee}' is not an email address (e.g. jane.doe@customer.example)."));
        if (!complete) return;
        Require("meeting_date", a.MeetingDate, errors);
        Require("meeting_timezone", a.MeetingTimezone, errors);
        Require("meeting_duration", a.MeetingDuration, errors);
    }

    private static void CheckLinks(IReadOnlyList<AnnouncementLink>? links, List<FieldError> errors)
    {
        for (var i = 0; i < (links?.Count ?? 0); i++)
            if (links![i].Url.Length > AnnouncementLimits.Url
                || !Uri.TryCreate(links[i].Url, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http"))
                errors.Add(new($"links[{i}].url", $"An absolute http or https address of at most {AnnouncementLimits.Url:N0} characters (e.g. https://portal.example/report)."));
    }

    private static void RequireAll(Announcement a, DateTimeOffset now, List<FieldError> errors)
    {
        Require("announcement_type", a.AnnouncementType, errors);
        Require("title", a.Title, errors);
        Require("summary", a.Summary, errors);
        Require("content", a.Content, errors);
        if (a.Customers.Count == 0) errors.Add(new("customers", "Pick at least one customer."));
        if (a.PublishAt is { } at && at <= now)
            errors.Add(new("publishAt", $"{at:u} has passed; give a time ahead, or none to send at approval."));
    }

    private static void Require(string field, object? value, List<FieldError> errors)
    {
        if (value is null || value is string s && string.IsNullOrWhiteSpace(s))
            errors.Add(new(field, "Required."));
    }
}
