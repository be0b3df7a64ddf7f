using System.Management.Automation;
using ChangeMgmt.Core.Changes;

namespace ChangeMgmt.Cmdlets;

/// <summary>Marks an approved change completed; each customer's people are told.</summary>
[Cmdlet(VerbsLifecycle.Complete, "ChangeRequest", SupportsShouldProcess = true)]
[OutputType(typeof(Change))]
public sealed class CompleteChangeRequestCommand : ChangeActionCmdletBase
{
    private protected override ChangeAction Action => ChangeAction.Complete;
}
