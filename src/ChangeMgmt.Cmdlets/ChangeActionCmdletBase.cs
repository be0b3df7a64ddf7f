using ChangeMgmt.Core.Changes;

namespace ChangeMgmt.Cmdlets;

/// <summary>
/// Moves changes through the lifecycle (submit, approve, reject, complete, cancel); changes come by id or
/// from the pipeline. The governance rules are Core's; an override (a switch) needs -Reason and is recorded.
/// </summary>
public abstract class ChangeActionCmdletBase : ChangeTargetCmdletBase
{
    private protected abstract ChangeAction Action { get; }

    private protected virtual string ActionDescription => $"{Action} (the customers' people are notified)";

    protected override void ProcessRecord() => WriteIf(ActionDescription, () =>
    {
        var written = Await(ct => Core.Changes.ApplyAsync(ChangeId, Action, SessionUser, Version, Request, ct));
        foreach (var warning in written.Warnings) WriteWarning($"{written.Change.ChangeId}: {warning.Message}");
        Report(written);
    });
}
