using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChangeMgmt.Core.Changes;

[JsonConverter(typeof(JsonStringEnumConverter<ChangeStatus>))]
public enum ChangeStatus
{
    [JsonStringEnumMemberName("draft")] Draft,
    [JsonStringEnumMemberName("submitted")] Submitted,
    [JsonStringEnumMemberName("approved")] Approved,
    [JsonStringEnumMemberName("completed")] Completed,
    [JsonStringEnumMemberName("cancelled")] Cancelled,
}

/// <summary>A change request as the portal writes it (camelCase); unknown fields survive a round trip.</summary>
public sealed record Change
{
    public string ChangeId { get; init; } = "";
    public string? ChangeTitle { get; init; }
    public List<string> Customers { get; init; } = [];
    public string? SnowTicket { get; init; }
    public string? JiraTicket { get; init; }
    public string? ChangeReason { get; init; }
    public string? ImplementationPlan { get; init; }
    public string? TestPlan { get; init; }
    public string? CustomerImpact { get; init; }
    public string? RollbackPlan { get; init; }
    public DateTimeOffset? ImplementationStart { get; init; }
    public DateTimeOffset? ImplementationEnd { get; init; }
    public string? Timezone { get; init; }
    public ChangeStatus Status { get; init; } = ChangeStatus.Draft;
    public int Version { get; init; }
    public DateTimeOffset? CreatedAt { get; init; }
    public string? CreatedBy { get; init; }
    public DateTimeOffset? ModifiedAt { get; init; }
    public string? ModifiedBy { get; init; }
    public DateTimeOffset? SubmittedAt { get; init; }
    public string? SubmittedBy { get; init; }
    public DateTimeOffset? ApprovedAt { get; init; }
    public string? ApprovedBy { get; init; }
    public DateTimeOffset? CompletedAt { get; init; }
    public string? CompletedBy { get; init; }
    public DateTimeOffset? CancelledAt { get; init; }
    public string? CancelledBy { get; init; }
    /// <summary>Set when a draft was deleted: the object is kept (soft delete), hidden from lists and reads.</summary>
    public DateTimeOffset? DeletedAt { get; init; }
    public string? DeletedBy { get; init; }
    public List<Modification> Modifications { get; init; } = [];

    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; init; }
}

public sealed record Modification
{
    [JsonPropertyName("timestamp")] public DateTimeOffset Timestamp { get; init; }
    [JsonPropertyName("user_id")] public string UserId { get; init; } = "";
    [JsonPropertyName("modification_type")] public string ModificationType { get; init; } = "";
    [JsonPropertyName("version")] public int? Version { get; init; }

    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; init; }
}
