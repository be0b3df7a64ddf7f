using System.Globalization;
using System.Text;
using ChangeMgmt.Core.Changes;
using ChangeMgmt.Core.Configuration;
using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Core.Rendering;

public enum CalendarMethod { Request, Cancel }

/// <summary>
/// The RFC 5545 calendar event for a change window. The UID depends only on the change, and
/// SEQUENCE is the change version, so a later invite or a cancel replaces the same event.
/// </summary>
public sealed class CalendarInvite(EmailConfig email, TimeProvider? timeProvider = null)
{
    public const string FileName = "invite.ics";
    public const string ProductId = "-//ChangeMgmt//Change Notifications//EN";
    private const string DefaultUidDomain = "changemgmt";
    private const string DefaultOrganizerName = "Change Management";

    private readonly TimeProvider time = timeProvider ?? TimeProvider.System;

    public static string Uid(Change change, EmailConfig email) =>
        $"{change.ChangeId}@{(string.IsNullOrWhiteSpace(email.Domain) ? DefaultUidDomain : email.Domain.Trim())}";

    public static string MethodName(CalendarMethod method) => method == CalendarMethod.Cancel ? "CANCEL" : "REQUEST";

    public EmailAttachment ToAttachment(Change change, CalendarMethod method)
    {
        var name = MethodName(method);
        return new EmailAttachment(FileName, $"text/calendar; method={name}; charset=UTF-8", Encoding.UTF8.GetBytes(Build(change, method)), name);
    }

    public string Build(Change change, CalendarMethod method)
    {
        var start = Require(change, change.ImplementationStart, "implementationStart");
        var end = Require(change, change.ImplementationEnd, "implementationEnd");
        string[] lines =
        [
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            $"PRODID:{ProductId}",
            "CALSCALE:GREGORIAN",
            $"METHOD:{MethodName(method)}",
            "BEGIN:VEVENT",
            $"UID:{IcsText.Escape(Uid(change, email))}",
            $"SEQUENCE:{Math.Max(change.Version, 0).ToString(CultureInfo.InvariantCulture)}",
            $"DTSTAMP:{Utc(time.GetUtcNow())}",
            $"DTSTART:{Utc(start)}",
            $"DTEND:{Utc(end)}",
            $"SUMMARY:{IcsText.Escape(Summary(change))}",
            $"DESCRIPTION:{IcsText.Escape(Description(change))}",
            .. PortalLinks.Change(email, change.ChangeId) is { } url ? [$"URL:{url}"] : Array.Empty<string>(),
            $"ORGANIZER;CN={IcsText.QuotedParameter(OrganizerName())}:mailto:{OrganizerAddress(change)}",
            $"STATUS:{(method == CalendarMethod.Cancel ? "CANCELLED" : "CONFIRMED")}",
            "TRANSP:OPAQUE",
            "END:VEVENT",
            "END:VCALENDAR",
        ];
        return string.Concat(lines.Select(line => IcsText.Fold(line) + IcsText.LineBreak));
    }

    private static string Summary(Change change) => $"{change.ChangeId} {NotificationValues.Title(change)}";

    private string Description(Change change)
    {
        var description = new StringBuilder(NotificationValues.Title(change));
        if (!string.IsNullOrWhiteSpace(change.CustomerImpact)) description.Append("\n\nImpact: ").Append(change.CustomerImpact.Trim());
        if (PortalLinks.Change(email, change.ChangeId) is { } url) description.Append("\n\nDetails: ").Append(url);
        return description.ToString();
    }

    private string OrganizerName() =>
        string.IsNullOrWhiteSpace(email.SenderName) ? DefaultOrganizerName : email.SenderName.Trim();

    private string OrganizerAddress(Change change) =>
        new[] { email.MeetingOrganizer, email.SenderAddress }.FirstOrDefault(a => !string.IsNullOrWhiteSpace(a))?.Trim()
        ?? throw new InvalidOperationException(
            $"Cannot build a calendar invite for change {change.ChangeId}: email_config has neither meeting_organizer nor sender_address.");

    private static DateTimeOffset Require(Change change, DateTimeOffset? value, string field) =>
        value ?? throw new InvalidOperationException(
            $"Cannot build a calendar invite for change {change.ChangeId}: {field} is not set.");

    private static string Utc(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
}
