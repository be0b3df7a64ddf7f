using System.Net;
using System.Text.Json;
using ChangeMgmt.Core.Changes;

namespace ChangeMgmt.Core.Messages;

/// <summary>
/// The one parser for queue message bodies: S3 event notifications (several records, URL-encoded
/// keys, <c>s3:TestEvent</c>) and the legacy form <c>{message_id, customer_code, s3_bucket, s3_key, …}</c>.
/// </summary>
public static class ChangeMessageParser
{
    public static ParsedMessage Parse(string body)
    {
        JsonDocument document;
        try { document = JsonDocument.Parse(body); }
        catch (JsonException ex) { return new ParsedMessage.Malformed($"The message body is not JSON: {ex.Message}"); }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                return new ParsedMessage.Malformed($"The message body is a JSON {root.ValueKind}, not an object.");
            if (String(root, "Event") == "s3:TestEvent")
                return new ParsedMessage.TestEvent();
            if (root.TryGetProperty("Records", out var records))
                return ParseS3Event(records);
            if (root.TryGetProperty("s3_key", out _))
                return ParseLegacy(root);
            return new ParsedMessage.Malformed("The message is neither an S3 event notification (Records) nor a legacy change message (s3_key).");
        }
    }

    private static ParsedMessage ParseS3Event(JsonElement records)
    {
        if (records.ValueKind != JsonValueKind.Array)
            return new ParsedMessage.Malformed("Records is not an array.");
        var triggers = new List<ChangeTrigger>();
        var index = 0;
        foreach (var record in records.EnumerateArray())
        {
            var at = $"Records[{index++}]";
            if (!(String(record, "eventName") ?? "").StartsWith("ObjectCreated:", StringComparison.Ordinal))
                continue;
            if (!record.TryGetProperty("s3", out var s3) || String(s3, "bucket", "name") is not { } bucket || String(s3, "object", "key") is not { } rawKey)
                return new ParsedMessage.Malformed($"{at} lacks s3.bucket.name or s3.object.key.");
            var key = WebUtility.UrlDecode(rawKey);
            if (!StorageLayout.TryParseCustomerTrigger(key, out var customer, out var changeId, out var moment))
                return new ParsedMessage.Malformed($"{at}: the key '{key}' is not customers/{{code}}/{{changeId}}.json{TimedForm}.");
            triggers.Add(new(bucket, key, customer, changeId, Time(String(record, "eventTime"))) { Moment = moment });
        }
        return triggers.Count > 0 ? new ParsedMessage.Triggers(triggers) : new ParsedMessage.NothingToDo("No ObjectCreated records.");
    }

    private static ParsedMessage ParseLegacy(JsonElement root)
    {
        var key = String(root, "s3_key");
        if (key is null || !StorageLayout.TryParseCustomerTrigger(key, out var customer, out var changeId, out var moment))
            return new ParsedMessage.Malformed($"s3_key '{key}' is not customers/{{code}}/{{changeId}}.json{TimedForm}.");
        var declared = String(root, "customer_code");
        if (declared is not null && declared != customer)
            return new ParsedMessage.Malformed($"customer_code '{declared}' does not match the customer '{customer}' in s3_key.");
        var bucket = String(root, "s3_bucket") ?? "";
        return new ParsedMessage.Triggers([new(bucket, key, customer, changeId, Time(String(root, "event_time")), ContinuationMessage.Read(root)) { Moment = moment }]);
    }

    private const string TimedForm = " (or a timed notice's customers/{code}/{changeId}.{reminder-24h|reminder-1h|started|window-ended}.json)";

    private static string? String(JsonElement element, params string[] path)
    {
        foreach (var name in path)
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out element))
                return null;
        return element.ValueKind == JsonValueKind.String ? element.GetString() : null;
    }

    private static DateTimeOffset? Time(string? text) =>
        DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var t) ? t : null;
}
