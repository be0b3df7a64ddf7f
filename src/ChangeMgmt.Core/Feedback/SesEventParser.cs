using System.Text.Json;

namespace ChangeMgmt.Core.Feedback;

/// <summary>
/// The one parser for SES feedback bodies. Unwraps the EventBridge envelope SES publishes to the default bus
/// (<c>source: aws.ses</c>, the record in <c>detail</c>) or an SNS notification (the record as a string in
/// <c>Message</c>); a bare record (SNS raw message delivery) is accepted too. <see cref="SesRecordReader"/> reads the record.
/// </summary>
public static class SesEventParser
{
    public static SesEventParse Parse(string body)
    {
        JsonDocument document;
        try { document = JsonDocument.Parse(body); }
        catch (JsonException ex) { return new SesEventParse.Malformed($"The body is not JSON: {ex.Message}"); }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                return new SesEventParse.Malformed($"The body is a JSON {root.ValueKind}, not an object.");
            if (root.TryGetProperty("detail-type", out _))
                return FromEventBridge(root);
            if (Json.String(root, "Type") is { } snsType)
                return FromSns(root, snsType);
            if (SesRecordReader.LooksLikeRecord(root))
                return SesRecordReader.Read(root, envelopeTime: null);
            return new SesEventParse.NotSesEvent("The body is neither an EventBridge event (detail-type), an SNS message (Type) nor an SES event record (eventType or notificationType).");
        }
    }

    private static SesEventParse FromEventBridge(JsonElement root)
    {
        var detailType = Json.String(root, "detail-type");
        if (Json.String(root, "source") is var source && source != "aws.ses")
            return new SesEventParse.NotSesEvent($"The EventBridge event '{detailType}' comes from '{source}', not aws.ses.");
        if (!root.TryGetProperty("detail", out var detail) || !SesRecordReader.LooksLikeRecord(detail))
            return new SesEventParse.NotSesEvent($"The aws.ses event '{detailType}' is not an email sending event (its detail has no eventType).");
        return SesRecordReader.Read(detail, Json.Time(Json.String(root, "time")));
    }

    /// <remarks>
    /// The SNS signature is not checked (no certificate is fetched): a notification reaches us only through our own SQS queue,
    /// whose policy admits nothing but our EventBridge rule and the customers' SNS topics, so whoever could put a forged
    /// notification there could as well put a signed one; fetching SigningCertURL would only add an outbound call per message.
    /// </remarks>
    private static SesEventParse FromSns(JsonElement root, string type)
    {
        if (type is "SubscriptionConfirmation" or "UnsubscribeConfirmation")
            return new SesEventParse.Ignored($"SNS {type} for {Json.String(root, "TopicArn")}: nothing to record.");
        if (type != "Notification")
            return new SesEventParse.NotSesEvent($"The SNS message type '{type}' is not Notification.");
        if (Json.String(root, "Message") is not { } message)
            return new SesEventParse.NotSesEvent("The SNS notification has no Message string.");

        JsonDocument inner;
        try { inner = JsonDocument.Parse(message); }
        catch (JsonException) { return new SesEventParse.NotSesEvent($"The SNS notification from {Json.String(root, "TopicArn")} carries a Message that is not JSON."); }
        using (inner)
        {
            var record = inner.RootElement;
            if (Json.String(record, "notificationType") == "AmazonSnsSubscriptionSucceeded")
                return new SesEventParse.Ignored("SES's test notification for a newly subscribed topic.");
            if (!SesRecordReader.LooksLikeRecord(record))
                return new SesEventParse.NotSesEvent($"The SNS notification from {Json.String(root, "TopicArn")} is not an SES event (no eventType or notificationType).");
            return SesRecordReader.Read(record, Json.Time(Json.String(root, "Timestamp")));
        }
    }
}
