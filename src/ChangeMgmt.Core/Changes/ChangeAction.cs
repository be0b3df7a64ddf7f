namespace ChangeMgmt.Core.Changes;

public enum ChangeAction { Submit, Approve, Complete, Cancel }

/// <summary>The lifecycle: which action is allowed from which status, and where it leads.</summary>
public static class Lifecycle
{
    public static ChangeStatus Target(ChangeAction action) => action switch
    {
        ChangeAction.Submit => ChangeStatus.Submitted,
        ChangeAction.Approve => ChangeStatus.Approved,
        ChangeAction.Complete => ChangeStatus.Completed,
        ChangeAction.Cancel => ChangeStatus.Cancelled,
        _ => throw new ArgumentOutOfRangeException(nameof(action)),
    };

    public static bool Allows(ChangeStatus from, ChangeAction action) => (from, action) switch
    {
        (ChangeStatus.Draft, ChangeAction.Submit) => true,
        (ChangeStatus.Submitted, ChangeAction.Approve) => true,
        (ChangeStatus.Approved, ChangeAction.Complete) => true,
        (ChangeStatus.Draft or ChangeStatus.Submitted or ChangeStatus.Approved, ChangeAction.Cancel) => true,
        _ => false,
    };

    public static bool IsEditable(ChangeStatus status) =>
        status is ChangeStatus.Draft or ChangeStatus.Submitted or ChangeStatus.Approved;

    public static string PastTense(ChangeAction action) => Target(action).ToString().ToLowerInvariant();
}
