using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChangeMgmt.Core.Freezes;

/// <summary>
/// A freeze (blackout) window: no change may be carried out in it for its customers (none listed: every customer).
/// Timed by <see cref="Start"/>/<see cref="End"/>, or all-day by <see cref="StartDate"/>/<see cref="EndDate"/>
/// (whole days in <see cref="Timezone"/>, the end day included); <see cref="Recurrence"/> repeats it by an RFC 5545
/// RRULE, keeping its local times in <see cref="Timezone"/>.
/// </summary>
public sealed record ChangeFreeze
{
    // Defaulted and extension-data properties are set, not init: generated JSON metadata would leave an init-only default unset (dotnet/runtime#84484).
    public string FreezeId { get; set; } = "";
    public string? Name { get; init; }
    public string? Reason { get; init; }
    /// <summary>Empty: a global freeze, for all customers.</summary>
    public List<string> Customers { get; set; } = [];
    public DateTimeOffset? Start { get; init; }
    public DateTimeOffset? End { get; init; }
    public DateOnly? StartDate { get; init; }
    /// <summary>The last frozen day (inclusive, unlike iCalendar's DTEND for dates).</summary>
    public DateOnly? EndDate { get; init; }
    public string? Timezone { get; init; }
    /// <summary>An RRULE value without the <c>RRULE:</c> name, e.g. <c>FREQ=WEEKLY;BYDAY=FR;COUNT=10</c>.</summary>
    public string? Recurrence { get; init; }
    public int Version { get; init; }
    public DateTimeOffset? CreatedAt { get; init; }
    public string? CreatedBy { get; init; }
    public DateTimeOffset? ModifiedAt { get; init; }
    public string? ModifiedBy { get; init; }
    /// <summary>Set when removed: the object is kept (soft delete) and no longer applies.</summary>
    public DateTimeOffset? DeletedAt { get; init; }
    public string? DeletedBy { get; init; }

    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }

    [JsonIgnore] public bool IsAllDay => StartDate is not null || EndDate is not null;

    [JsonIgnore] public bool IsGlobal => Customers.Count == 0;

    public bool AppliesTo(string customerCode) => IsGlobal || Customers.Contains(customerCode);
}
