using System.Management.Automation;
using ChangeMgmt.Core.Changes;

namespace ChangeMgmt.Cmdlets;

/// <summary>Rejects a submitted change with a comment: it goes back to its author as rejected, to be edited and submitted again.</summary>
[Cmdlet(VerbsLifecycle.Deny, "ChangeRequest", SupportsShouldProcess = true)]
[OutputType(typeof(Change))]
public sealed class DenyChangeRequestCommand : ChangeActionCmdletBase
{
    /// <summary>Why the change is rejected; its author reads it in the change's history.</summary>
    [Parameter(Mandatory = true)]
    [ValidateNotNullOrEmpty]
    public string Comment { get; set; } = "";

    private protected override ChangeAction Action => ChangeAction.Reject;

    private protected override string ActionDescription => "Reject (back to its author; nothing is sent to customers)";

    private protected override ChangeActionRequest Request => new() { Comment = Comment };
}
