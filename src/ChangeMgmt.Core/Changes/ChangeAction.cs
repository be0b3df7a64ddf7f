namespace ChangeMgmt.Core.Changes;

public enum ChangeAction { Submit, Approve, Complete, Cancel, Reject }

/// <summary>The lifecycle: which action is allowed from which status, and where it leads.</summary>
public static class Lifecycle
{
    public static ChangeStatus Target(ChangeAction action) => action switch
    {
        ChangeAction.Submit => ChangeStatus.Submitted,
        ChangeAction.Approve => ChangeStatus.Approved,
        ChangeAction.Complete => ChangeStatus.Completed,
        ChangeAction.Cancel => ChangeStatus.Cancelled,
        ChangeAction.Reject => ChangeStatus.Rejected,
        _ => throw new ArgumentOutOfRangeException(nameof(action)),
    };

    public static bool Allows(ChangeStatus from, ChangeAction action) => (from, action) switch
    {
        (ChangeStatus.Draft or ChangeStatus.Rejected, ChangeAction.Submit) => true,
        (ChangeStatus.Submitted, ChangeAction.Approve or ChangeAction.Reject) => true,
        (ChangeStatus.Approved, ChangeAction.Complete) => true,
        (ChangeStatus.Draft or ChangeStatus.Submitted or ChangeStatus.Approved or ChangeStatus.Rejected, ChangeAction.Cancel) => true,
        _ => false,
    };

    public static bool IsEditable(ChangeStatus status) =>
        status is ChangeStatus.Draft or ChangeStatus.Submitted or ChangeStatus.Approved or ChangeStatus.Rejected;

    /// <summary>Edited by its author (editor) rather than an approver: a draft, or a change sent back with a rejection.</summary>
    public static bool IsAuthors(ChangeStatus status) => status is ChangeStatus.Draft or ChangeStatus.Rejected;

    public static string PastTense(ChangeAction action) => Target(action).ToString().ToLowerInvariant();
}
