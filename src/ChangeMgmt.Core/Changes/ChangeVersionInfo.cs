namespace ChangeMgmt.Core.Changes;

/// <summary>One kept version of a change, as a history list shows it.</summary>
public sealed record ChangeVersionInfo(int Version, ChangeStatus Status, DateTimeOffset? ModifiedAt, string? ModifiedBy)
{
    public static ChangeVersionInfo From(Change change) => new(change.Version, change.Status, change.ModifiedAt, change.ModifiedBy);
}
