using System.Text.Json;
using System.Text.Json.Nodes;
using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Core.Messages;

/// <summary>
/// Where a delivery stopped at an invocation's deadline: of the change version's notifications (in plan
/// order), those before <paramref name="Kind"/> are done, and of <paramref name="Kind"/> every recipient
/// ordered (ordinal) before <paramref name="From"/> has been handled.
/// </summary>
public sealed record DeliveryCursor(int Version, NotificationKind Kind, string From);

/// <summary>
/// The message that continues a delivery cut short by a deadline: the legacy form naming the same trigger,
/// with the cursor in <c>metadata.continuation</c>. A new message, so it starts with a fresh receive budget.
/// </summary>
public static class ContinuationMessage
{
    public const string MetadataField = "continuation";

    /// <summary>Keeps the original trigger's event time.</summary>
    public static string Create(ChangeTrigger trigger, DeliveryCursor cursor) => new JsonObject
    {
        ["message_id"] = Guid.NewGuid().ToString(),
        ["customer_code"] = trigger.CustomerCode,
        ["s3_bucket"] = trigger.Bucket,
        ["s3_key"] = trigger.Key,
        ["event_time"] = trigger.EventTime?.ToString("O"),
        ["metadata"] = new JsonObject
        {
            [MetadataField] = new JsonObject
            {
                ["version"] = cursor.Version,
                ["kind"] = cursor.Kind.ToString(),
                ["from"] = cursor.From,
            },
        },
    }.ToJsonString();

    /// <summary>The cursor in a legacy message's metadata; null when there is none or it is not one.</summary>
    internal static DeliveryCursor? Read(JsonElement root)
    {
        if (!root.TryGetProperty("metadata", out var metadata) || metadata.ValueKind != JsonValueKind.Object
            || !metadata.TryGetProperty(MetadataField, out var cursor) || cursor.ValueKind != JsonValueKind.Object)
            return null;
        return cursor.TryGetProperty("version", out var version) && version.ValueKind == JsonValueKind.Number && version.TryGetInt32(out var v)
            && cursor.TryGetProperty("kind", out var kind) && kind.ValueKind == JsonValueKind.String && Enum.TryParse<NotificationKind>(kind.GetString(), out var k)
            && cursor.TryGetProperty("from", out var from) && from.ValueKind == JsonValueKind.String && from.GetString() is { } f
                ? new DeliveryCursor(v, k, f)
                : null;
    }
}
