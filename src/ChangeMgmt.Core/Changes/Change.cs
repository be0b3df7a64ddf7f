using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChangeMgmt.Core.Changes;

[JsonConverter(typeof(JsonStringEnumConverter<ChangeStatus>))]
// long, not int: PowerShell's ConvertTo-Json writes long-based enums by name, so exported output reads as words.
public enum ChangeStatus : long
{
    [JsonStringEnumMemberName("draft")] Draft,
    [JsonStringEnumMemberName("submitted")] Submitted,
    [JsonStringEnumMemberName("approved")] Approved,
    [JsonStringEnumMemberName("completed")] Completed,
    [JsonStringEnumMemberName("cancelled")] Cancelled,
    /// <summary>Sent back to its author by an approver, with a comment; editable and submitted again.</summary>
    [JsonStringEnumMemberName("rejected")] Rejected,
}

/// <summary>A change request as the portal writes it (camelCase); unknown fields survive a round trip.</summary>
public sealed record Change
{
    // Defaulted and extension-data properties are set, not init: generated JSON metadata would leave an init-only default unset (dotnet/runtime#84484).
    public string ChangeId { get; set; } = "";
    public string? ChangeTitle { get; init; }
    public List<string> Customers { get; set; } = [];
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
    public ChangeStatus Status { get; set; } = ChangeStatus.Draft;
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
    public List<Modification> Modifications { get; set; } = [];
    /// <summary>What customers were last told in an announcement before this version (window and customers), so an update can say what changed.</summary>
    public AnnouncedSchedule? PreviousAnnouncement { get; init; }
    /// <summary>Customers removed from the change after they were told about it; each gets a cancellation.</summary>
    public List<CustomerWithdrawal>? Withdrawals { get; init; }
    /// <summary>Set when the change was submitted or approved as an emergency (overriding any freeze); shown in its emails.</summary>
    public EmergencyOverride? Emergency { get; init; }

    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }

    public CustomerWithdrawal? WithdrawalOf(string customerCode) =>
        Customers.Contains(customerCode) ? null : Withdrawals?.LastOrDefault(w => w.CustomerCode == customerCode);

    /// <summary>The version the change last became <paramref name="status"/> at (its modification of that type); null when none records it.</summary>
    public int? VersionWhen(ChangeStatus status) =>
        Modifications.LastOrDefault(m => string.Equals(m.ModificationType, status.ToString(), StringComparison.OrdinalIgnoreCase))?.Version;
}

/// <summary>The window and customers of an announced version.</summary>
public sealed record AnnouncedSchedule(int Version, DateTimeOffset? ImplementationStart, DateTimeOffset? ImplementationEnd, string? Timezone, IReadOnlyList<string> Customers)
{
    public static AnnouncedSchedule Of(Change change) =>
        new(change.Version, change.ImplementationStart, change.ImplementationEnd, change.Timezone, [.. change.Customers]);
}

/// <summary>An emergency submit or approve: why, by whom, when, and the freezes it overrode (none if its window met none).</summary>
public sealed record EmergencyOverride(string Reason, string By, DateTimeOffset At, IReadOnlyList<OverriddenFreeze> Freezes);

/// <summary>A freeze an emergency change was carried into, as it was named then.</summary>
public sealed record OverriddenFreeze(string FreezeId, string? Name);

/// <param name="Version">The version that removed the customer: its cancellation is sent once, for this version.</param>
/// <param name="Announced">Whether the customer had been sent the announcement (else only the approval request).</param>
public sealed record CustomerWithdrawal(string CustomerCode, int Version, bool Announced);

public sealed record Modification
{
    // Defaulted and extension-data properties are set, not init: generated JSON metadata would leave an init-only default unset (dotnet/runtime#84484).
    [JsonPropertyName("timestamp")] public DateTimeOffset Timestamp { get; init; }
    [JsonPropertyName("user_id")] public string UserId { get; set; } = "";
    [JsonPropertyName("modification_type")] public string ModificationType { get; set; } = "";
    [JsonPropertyName("version")] public int? Version { get; init; }
    /// <summary>The approver's comment (approve, reject).</summary>
    [JsonPropertyName("comment")] public string? Comment { get; init; }
    /// <summary>Why: a cancellation's reason, or the reason for the overrides.</summary>
    [JsonPropertyName("reason")] public string? Reason { get; init; }
    /// <summary>Rules set aside explicitly (<see cref="ChangeRules.SelfApproval"/>, <see cref="ChangeRules.Backdated"/>, <see cref="ChangeRules.Early"/>).</summary>
    [JsonPropertyName("overrides")] public List<string>? Overrides { get; init; }
    /// <summary>The material fields an edit changed (<see cref="MaterialFields"/>).</summary>
    [JsonPropertyName("material_fields")] public List<string>? MaterialFields { get; init; }
    /// <summary>True when a material edit returned an approved change to submitted.</summary>
    [JsonPropertyName("reapproval")] public bool? Reapproval { get; init; }

    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }
}
