using System.Management.Automation;
using ChangeMgmt.Core.Changes;

namespace ChangeMgmt.Cmdlets;

/// <summary>Submits a draft for approval; each selected customer's approvers are told.</summary>
[Cmdlet(VerbsLifecycle.Submit, "ChangeRequest", SupportsShouldProcess = true)]
[OutputType(typeof(Change))]
public sealed class SubmitChangeRequestCommand : ChangeActionCmdletBase
{
    private protected override ChangeAction Action => ChangeAction.Submit;
}
