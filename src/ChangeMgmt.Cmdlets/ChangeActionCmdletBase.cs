using System.Management.Automation;
using ChangeMgmt.Core.Changes;

namespace ChangeMgmt.Cmdlets;

/// <summary>
/// Moves changes through the lifecycle (submit, approve, reject, complete, cancel); changes come by id or
/// from the pipeline. The governance rules are Core's; an override (a switch) needs -Reason and is recorded.
/// </summary>
public abstract class ChangeActionCmdletBase : ChangeTargetCmdletBase
{
    private protected abstract ChangeAction Action { get; }

    /// <summary>What comes with the action: comment, reason, overrides (none by default).</summary>
    private protected virtual ChangeActionRequest Request => ChangeActionRequest.None;

    /// <summary>The overrides given (switches): each needs -Reason, which is recorded with it.</summary>
    private protected virtual bool OverrideGiven => false;

    private protected virtual string? OverrideReason => null;

    private protected virtual string ActionDescription => $"{Action} (the customers' people are notified)";

    protected override void BeginProcessing()
    {
        if (OverrideGiven && string.IsNullOrWhiteSpace(OverrideReason))
            ThrowTerminatingError(Errors.InvalidArgument("ReasonRequired",
                "An override needs -Reason: say why the rule is set aside; the reason is recorded in the change's history.", null));
        base.BeginProcessing();
    }

    protected override void ProcessRecord()
    {
        if (!ShouldProcess(ChangeId + (Version is { } v ? $" v{v}" : ""), ActionDescription)) return;
        Write(() =>
        {
            var written = Await(ct => Core.Changes.ApplyAsync(ChangeId, Action, SessionUser, Version, Request, ct));
            foreach (var warning in written.Warnings) WriteWarning($"{written.Change.ChangeId}: {warning.Message}");
            foreach (var error in ChangeWriteErrors.TriggerFailures(written)) WriteError(error);
            WriteObject(written.Change);
        });
    }
}
