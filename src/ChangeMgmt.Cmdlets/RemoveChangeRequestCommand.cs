using System.Management.Automation;

namespace ChangeMgmt.Cmdlets;

/// <summary>Deletes draft changes. The draft is kept in storage, marked deleted; a change people were told about is cancelled instead (Stop-ChangeRequest).</summary>
[Cmdlet(VerbsCommon.Remove, "ChangeRequest", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(void))]
public sealed class RemoveChangeRequestCommand : ChangeTargetCmdletBase
{
    protected override void ProcessRecord()
    {
        if (!ShouldProcess(ChangeId, "Delete draft")) return;
        Write(() => Await(async ct => { await Core.Changes.DeleteAsync(ChangeId, SessionUser, Version, ct); return true; }));
    }
}
