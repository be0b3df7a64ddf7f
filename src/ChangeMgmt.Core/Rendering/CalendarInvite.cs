using System.Globalization;
using System.Text;
using ChangeMgmt.Core.Changes;
using ChangeMgmt.Core.Configuration;
using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Core.Rendering;

public enum CalendarMethod { Request, Cancel }

/// <summary>
/// The RFC 5545 calendar event for a change window or an announcement's event. The UID depends only on the id,
/// and SEQUENCE is the version, so a later invite or a cancel replaces the same event.
/// </summary>
public sealed class CalendarInvite(EmailConfig email, TimeProvider? timeProvider = null)
{
    public const string FileName = "invite.ics";
    public const string ProductId = "-//ChangeMgmt//Change Notifications//EN";
    private const string DefaultUidDomain = "changemgmt";
    private const string DefaultOrganizerName = "Change Management";

    private readonly TimeProvider time = timeProvider ?? TimeProvider.System;

    public static string Uid(Change change, EmailConfig email) => Uid(change.ChangeId, email);

    public static string Uid(string id, EmailConfig email) =>
        $"{id}@{(string.IsNullOrWhiteSpace(email.Domain) ? DefaultUidDomain : email.Domain.Trim())}";

    public static string MethodName(CalendarMethod method) => method == CalendarMethod.Cancel ? "CANCEL" : "REQUEST";

    public EmailAttachment ToAttachment(Change change, CalendarMethod method) => ToAttachment(Of(change), method);

    public EmailAttachment ToAttachment(CalendarEvent calendarEvent, CalendarMethod method)
    {
        var name = MethodName(method);
        return new EmailAttachment(FileName, $"text/calendar; method={name}; charset=UTF-8", Encoding.UTF8.GetBytes(Build(calendarEvent, method)), name);
    }

    public string Build(Change change, CalendarMethod method) => Build(Of(change), method);

    public string Build(CalendarEvent calendarEvent, CalendarMethod method)
    {
        string[] lines =
        [
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            $"PRODID:{ProductId}",
            "CALSCALE:GREGORIAN",
            $"METHOD:{MethodName(method)}",
            "BEGIN:VEVENT",
            $"UID:{IcsText.Escape(Uid(calendarEvent.Id, email))}",
            $"SEQUENCE:{Math.Max(calendarEvent.Version, 0).ToString(CultureInfo.InvariantCulture)}",
            $"DTSTAMP:{IcsText.Utc(time.GetUtcNow())}",
            $"DTSTART:{IcsText.Utc(calendarEvent.Start)}",
            $"DTEND:{IcsText.Utc(calendarEvent.End)}",
            $"SUMMARY:{IcsText.Escape(calendarEvent.Summary)}",
            $"DESCRIPTION:{IcsText.Escape(calendarEvent.Description)}",
            .. calendarEvent.Location is { Length: > 0 } location ? [$"LOCATION:{IcsText.Escape(location)}"] : Array.Empty<string>(),
            .. calendarEvent.Url is { } url ? [$"URL:{url}"] : Array.Empty<string>(),
            $"ORGANIZER;CN={IcsText.QuotedParameter(OrganizerName())}:mailto:{OrganizerAddress(calendarEvent.Id)}",
            $"STATUS:{(method == CalendarMethod.Cancel ? "CANCELLED" : "CONFIRMED")}",
            "TRANSP:OPAQUE",
            "END:VEVENT",
            "END:VCALENDAR",
        ];
        return IcsText.Document(lines);
    }

    /// <summary>A change's window as the event its invite describes.</summary>
    public CalendarEvent Of(Change change) => new(
        change.ChangeId,
        change.Version,
        Require(change, change.ImplementationStart, "implementationStart"),
        Require(change, change.ImplementationEnd, "implementationEnd"),
        $"{change.ChangeId} {NotificationValues.Title(change)}",
        Description(change),
        PortalLinks.Change(email, change.ChangeId));

    private string Description(Change change)
    {
        var description = new StringBuilder(NotificationValues.Title(change));
        if (!string.IsNullOrWhiteSpace(change.CustomerImpact)) description.Append("\n\nImpact: ").Append(change.CustomerImpact.Trim());
        if (PortalLinks.Change(email, change.ChangeId) is { } url) description.Append("\n\nDetails: ").Append(url);
        return description.ToString();
    }

    private string OrganizerName() =>
        string.IsNullOrWhiteSpace(email.SenderName) ? DefaultOrganizerName : email.SenderName.Trim();

    private string OrganizerAddress(string id) =>
        new[] { email.MeetingOrganizer, email.SenderAddress }.FirstOrDefault(a => !string.IsNullOrWhiteSpace(a))?.Trim()
        ?? throw new InvalidOperationException(
            $"Cannot build a calendar invite for {id}: email_config has neither meeting_organizer nor sender_address.");

    private static DateTimeOffset Require(Change change, DateTimeOffset? value, string field) =>
        value ?? throw new InvalidOperationException(
            $"Cannot build a calendar invite for change {change.ChangeId}: {field} is not set.");
}
