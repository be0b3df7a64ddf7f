using System.Text.Json;

namespace ChangeMgmt.Core.Feedback;

/// <summary>
/// Reads one SES event record: <c>eventType</c> (configuration-set event publishing) or <c>notificationType</c>
/// (identity feedback notifications: Bounce, Complaint, Delivery; no tags), <c>mail</c>, and the object of its kind.
/// </summary>
internal static class SesRecordReader
{
    private static readonly Dictionary<string, (SesEventKind Kind, string Detail)> Kinds = new(StringComparer.Ordinal)
    {
        ["Send"] = (SesEventKind.Send, "send"),
        ["Delivery"] = (SesEventKind.Delivery, "delivery"),
        ["Bounce"] = (SesEventKind.Bounce, "bounce"),
        ["Complaint"] = (SesEventKind.Complaint, "complaint"),
        ["Reject"] = (SesEventKind.Reject, "reject"),
        ["DeliveryDelay"] = (SesEventKind.DeliveryDelay, "deliveryDelay"),
        // The SES documentation spells it with a space in eventType; accept the enum spelling too.
        ["Rendering Failure"] = (SesEventKind.RenderingFailure, "failure"),
        ["RenderingFailure"] = (SesEventKind.RenderingFailure, "failure"),
        ["Subscription"] = (SesEventKind.Subscription, "subscription"),
        ["Open"] = (SesEventKind.Open, "open"),
        ["Click"] = (SesEventKind.Click, "click"),
    };

    public static bool LooksLikeRecord(JsonElement element) =>
        element.ValueKind == JsonValueKind.Object && (Json.String(element, "eventType") ?? Json.String(element, "notificationType")) is not null;

    /// <param name="envelopeTime">When the envelope says the event happened; used by kinds whose object has no timestamp (Send, Reject).</param>
    public static SesEventParse Read(JsonElement record, DateTimeOffset? envelopeTime)
    {
        var type = Json.String(record, "eventType") ?? Json.String(record, "notificationType")!;
        if (!Kinds.TryGetValue(type, out var known))
            return new SesEventParse.Ignored($"The SES event type '{type}' is not one this version reads.");
        var (kind, detailName) = known;
        var mail = Json.Object(record, "mail");
        if (mail is null || Json.String(mail.Value, "messageId") is not { Length: > 0 } messageId)
            return new SesEventParse.NotSesEvent($"The SES {type} event has no mail.messageId.");
        var detail = Json.Object(record, detailName);
        var occurredAt = Json.Time(detail is { } d ? Json.String(d, "timestamp") : null) ?? envelopeTime ?? Json.Time(Json.String(mail.Value, "timestamp"));
        if (occurredAt is null)
            return new SesEventParse.NotSesEvent($"The SES {type} event {messageId} has no timestamp.");
        var recipients = Recipients(kind, detail, mail.Value);
        if (recipients.Count == 0)
            return new SesEventParse.NotSesEvent($"The SES {type} event {messageId} names no recipient.");

        return new SesEventParse.Parsed(Details(kind, detail, new SesEvent(kind, messageId, occurredAt.Value, recipients, Tags(mail.Value))
        {
            SentAt = Json.Time(Json.String(mail.Value, "timestamp")),
        }));
    }

    private static SesEvent Details(SesEventKind kind, JsonElement? detail, SesEvent e)
    {
        if (detail is not { } d) return e;
        return kind switch
        {
            SesEventKind.Bounce => e with
            {
                BounceType = Enum.TryParse<SesBounceType>(Json.String(d, "bounceType"), out var bounce) ? bounce : SesBounceType.Undetermined,
                BounceSubType = Json.String(d, "bounceSubType"),
            },
            SesEventKind.Complaint => e with { ComplaintFeedbackType = Json.String(d, "complaintFeedbackType") },
            SesEventKind.Reject => e with { RejectReason = Json.String(d, "reason") },
            SesEventKind.DeliveryDelay => e with { DelayType = Json.String(d, "delayType"), DelayExpiresAt = Json.Time(Json.String(d, "expirationTime")) },
            SesEventKind.RenderingFailure => e with { FailureMessage = Json.String(d, "errorMessage") },
            SesEventKind.Subscription => e with { ContactList = Json.String(d, "contactList"), UnsubscribedAll = Json.Bool(d, "newTopicPreferences", "unsubscribeAll") },
            _ => e,
        };
    }

    /// <summary>The recipients the kind's own object names; for kinds without such a list, every destination of the message.</summary>
    private static List<SesRecipient> Recipients(SesEventKind kind, JsonElement? detail, JsonElement mail)
    {
        IEnumerable<SesRecipient> found = kind switch
        {
            SesEventKind.Bounce => Json.Array(detail, "bouncedRecipients").Select(Described),
            SesEventKind.DeliveryDelay => Json.Array(detail, "delayedRecipients").Select(Described),
            SesEventKind.Complaint => Json.Array(detail, "complainedRecipients").Select(Described),
            SesEventKind.Delivery => Json.Array(detail, "recipients").Select(Address),
            _ => Json.Array(mail, "destination").Select(Address),
        };
        return [.. found.Where(r => r.Address.Length > 0)];
    }

    private static SesRecipient Described(JsonElement r) =>
        new(Json.String(r, "emailAddress") ?? "", Json.String(r, "status"), Json.String(r, "diagnosticCode"));

    private static SesRecipient Address(JsonElement r) =>
        new(r.ValueKind == JsonValueKind.String ? r.GetString() ?? "" : "");

    /// <summary>SES publishes each tag as a list of values; a message tag has exactly one.</summary>
    private static Dictionary<string, string> Tags(JsonElement mail)
    {
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        if (Json.Object(mail, "tags") is not { } element) return tags;
        foreach (var tag in element.EnumerateObject())
            if (tag.Value.ValueKind == JsonValueKind.Array && tag.Value.EnumerateArray().FirstOrDefault() is { ValueKind: JsonValueKind.String } first)
                tags[tag.Name] = first.GetString()!;
        return tags;
    }
}
