using System.Management.Automation;
using ChangeMgmt.Core.Changes;

namespace ChangeMgmt.Cmdlets;

/// <summary>Moves changes through the lifecycle (submit, approve, complete, cancel); changes come by id or from the pipeline.</summary>
public abstract class ChangeActionCmdletBase : ChangeTargetCmdletBase
{
    private protected abstract ChangeAction Action { get; }

    protected override void ProcessRecord()
    {
        if (!ShouldProcess(ChangeId + (Version is { } v ? $" v{v}" : ""), $"{Action} (the customers' people are notified)")) return;
        Write(() =>
        {
            var written = Await(ct => Core.Changes.ApplyAsync(ChangeId, Action, SessionUser, Version, ct));
            foreach (var error in ChangeWriteErrors.TriggerFailures(written)) WriteError(error);
            WriteObject(written.Change);
        });
    }
}
