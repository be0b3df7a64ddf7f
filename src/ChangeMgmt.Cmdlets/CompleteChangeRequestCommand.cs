using System.Management.Automation;
using ChangeMgmt.Core.Changes;

namespace ChangeMgmt.Cmdlets;

/// <summary>Marks an approved change completed; each customer's people are told.</summary>
[Cmdlet(VerbsLifecycle.Complete, "ChangeRequest", SupportsShouldProcess = true)]
[OutputType(typeof(Change))]
public sealed class CompleteChangeRequestCommand : ChangeActionCmdletBase
{
    /// <summary>Complete the change before its window starts (needs -Reason).</summary>
    [Parameter]
    public SwitchParameter Early { get; set; }

    /// <summary>Why the change is completed early; recorded with it.</summary>
    [Parameter]
    public string? Reason { get; set; }

    private protected override ChangeAction Action => ChangeAction.Complete;

    private protected override bool OverrideGiven => Early;

    private protected override string? OverrideReason => Reason;

    private protected override ChangeActionRequest Request => new() { Reason = Reason, Early = Early };
}
