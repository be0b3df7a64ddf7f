using System.Management.Automation;
using ChangeMgmt.Core.Changes;

namespace ChangeMgmt.Cmdlets;

/// <summary>Cancels a change (draft, submitted, approved or rejected); people already told get the cancellation.</summary>
[Cmdlet(VerbsLifecycle.Stop, "ChangeRequest", SupportsShouldProcess = true)]
[Alias("Cancel-ChangeRequest")]
[OutputType(typeof(Change))]
public sealed class StopChangeRequestCommand : ChangeActionCmdletBase
{
    /// <summary>Why the change is cancelled; recorded in the change's history.</summary>
    [Parameter]
    public string? Reason { get; set; }

    private protected override ChangeAction Action => ChangeAction.Cancel;

    private protected override ChangeActionRequest Request => new() { Reason = Reason };
}
