using System.Management.Automation;
using ChangeMgmt.Core.Changes;

namespace ChangeMgmt.Cmdlets;

/// <summary>Cancels a change (draft, submitted or approved); people already told get the cancellation.</summary>
[Cmdlet(VerbsLifecycle.Stop, "ChangeRequest", SupportsShouldProcess = true)]
[Alias("Cancel-ChangeRequest")]
[OutputType(typeof(Change))]
public sealed class StopChangeRequestCommand : ChangeActionCmdletBase
{
    private protected override ChangeAction Action => ChangeAction.Cancel;
}
