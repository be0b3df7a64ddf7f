using System.Management.Automation;
using ChangeMgmt.Core.Changes;

namespace ChangeMgmt.Cmdlets;

/// <summary>Approves a submitted change; each customer's subscribed people get the announcement and calendar invite.</summary>
[Cmdlet(VerbsLifecycle.Approve, "ChangeRequest", SupportsShouldProcess = true)]
[OutputType(typeof(Change))]
public sealed class ApproveChangeRequestCommand : ChangeActionCmdletBase
{
    private protected override ChangeAction Action => ChangeAction.Approve;
}
