using System.Text.Json.Nodes;

namespace ChangeMgmt.Local;

/// <summary>
/// What SES reports after it accepts a message, per recipient, as the SES mailbox simulator does
/// (<c>success@</c>, <c>bounce@</c>, <c>ooto@</c>, <c>complaint@</c>, <c>suppressionlist@simulator.amazonses.com</c>,
/// each also with a <c>+label</c>): a Send, then a Delivery for any ordinary address, or a bounce for an address
/// on the account's suppression list.
/// </summary>
internal static class SesMailboxSimulator
{
    public const string Domain = "simulator.amazonses.com";
    private const string ReportingMta = "dsn; a8-70.smtp-out.amazonses.com";

    public static IReadOnlyList<SimulatedEvent> EventsFor(string recipient, bool onSuppressionList, DateTimeOffset at) =>
        [Send(), .. AfterSend(recipient, onSuppressionList, at)];

    // ooto@ is delivered: the auto-reply goes to the sender, and no bounce is published.
    private static SimulatedEvent[] AfterSend(string recipient, bool onSuppressionList, DateTimeOffset at) => SimulatorMailbox(recipient) switch
    {
        "bounce" => [Bounce(recipient, "General", "5.1.1", "smtp; 550 5.1.1 user unknown", at)],
        "complaint" => [Delivery(recipient, at), Complaint(recipient, at)],
        "suppressionlist" => [SuppressedBounce(recipient, at)],
        _ when onSuppressionList => [SuppressedBounce(recipient, at)],
        _ => [Delivery(recipient, at)],
    };

    /// <summary>The simulator mailbox an address names (its local part without a <c>+label</c>), or null for any other address.</summary>
    public static string? SimulatorMailbox(string recipient)
    {
        var at = recipient.LastIndexOf('@');
        if (at < 0 || !recipient[(at + 1)..].Equals(Domain, StringComparison.OrdinalIgnoreCase)) return null;
        var local = recipient[..at];
        var plus = local.IndexOf('+');
        return (plus < 0 ? local : local[..plus]).ToLowerInvariant();
    }

    private static SimulatedEvent Send() => new("Send", "Email Sent", "send", []);

    private static SimulatedEvent Delivery(string recipient, DateTimeOffset at) => new("Delivery", "Email Delivered", "delivery", new JsonObject
    {
        ["timestamp"] = Timestamp(at),
        ["processingTimeMillis"] = 0,
        ["recipients"] = new JsonArray(recipient),
        ["smtpResponse"] = "250 2.6.0 Message received",
        ["reportingMTA"] = "a8-70.smtp-out.amazonses.com",
    });

    private static SimulatedEvent SuppressedBounce(string recipient, DateTimeOffset at) =>
        Bounce(recipient, "OnAccountSuppressionList", "5.1.1", "Amazon SES did not send the message to this address because it is on the suppression list for your account.", at);

    private static SimulatedEvent Bounce(string recipient, string subType, string status, string diagnostic, DateTimeOffset at) =>
        new("Bounce", "Email Bounced", "bounce", new JsonObject
        {
            ["bounceType"] = "Permanent",
            ["bounceSubType"] = subType,
            ["bouncedRecipients"] = new JsonArray(new JsonObject
            {
                ["emailAddress"] = recipient, ["action"] = "failed", ["status"] = status, ["diagnosticCode"] = diagnostic,
            }),
            ["timestamp"] = Timestamp(at),
            ["feedbackId"] = Guid.NewGuid().ToString(),
            ["reportingMTA"] = ReportingMta,
        });

    private static SimulatedEvent Complaint(string recipient, DateTimeOffset at) => new("Complaint", "Email Complaint Received", "complaint", new JsonObject
    {
        ["complainedRecipients"] = new JsonArray(new JsonObject { ["emailAddress"] = recipient }),
        ["timestamp"] = Timestamp(at),
        ["feedbackId"] = Guid.NewGuid().ToString(),
        ["userAgent"] = "Amazon SES Mailbox Simulator",
        ["complaintFeedbackType"] = "abuse",
        ["arrivalDate"] = Timestamp(at),
    });

    public static string Timestamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
