using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using ChangeMgmt.Core.Json;

namespace ChangeMgmt.Core.Feedback;

/// <summary>
/// What feedback did to a contact, kept as the <c>feedback</c> key of its <c>AttributesData</c> (beside the other keys,
/// such as the identity import's <c>managedBy</c>): the outcome, the action, and the send that caused it.
/// </summary>
public sealed record FeedbackMark(
    [property: JsonPropertyName("outcome")] RecipientOutcome Outcome,
    [property: JsonPropertyName("action")] HygieneAction Action,
    [property: JsonPropertyName("changeId")] string ChangeId,
    [property: JsonPropertyName("notification")] string Notification,
    [property: JsonPropertyName("version")] int Version,
    [property: JsonPropertyName("sesMessageId")] string SesMessageId,
    [property: JsonPropertyName("at")] DateTimeOffset At,
    [property: JsonPropertyName("detail")] string? Detail)
{
    public const string Key = "feedback";

    private static readonly JsonSerializerOptions Json = new()
    {
        Converters = { new JsonStringEnumConverter<RecipientOutcome>(), new JsonStringEnumConverter<HygieneAction>() },
        TypeInfoResolver = FeedbackJsonContext.Default,
    };

    /// <summary>The attributes with this mark as <c>feedback</c>; attributes that are not a JSON object are kept under <c>attributes</c>.</summary>
    public string MergeInto(string? attributesData)
    {
        var attributes = Parse(attributesData) ?? (string.IsNullOrWhiteSpace(attributesData) ? [] : new JsonObject { ["attributes"] = attributesData });
        attributes[Key] = JsonSerializer.SerializeToNode(this, Json.TypeInfo<FeedbackMark>());
        return attributes.ToJsonString();
    }

    /// <summary>The mark in a contact's attributes, or null when it has none.</summary>
    public static FeedbackMark? Read(string? attributesData) =>
        Parse(attributesData)?[Key] is JsonObject mark ? mark.Deserialize(Json.TypeInfo<FeedbackMark>()) : null;

    private static JsonObject? Parse(string? attributesData)
    {
        if (string.IsNullOrWhiteSpace(attributesData)) return null;
        try { return JsonNode.Parse(attributesData) as JsonObject; }
        catch (JsonException) { return null; }
    }
}
