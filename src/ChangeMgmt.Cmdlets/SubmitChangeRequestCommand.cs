using System.Management.Automation;
using ChangeMgmt.Core.Changes;

namespace ChangeMgmt.Cmdlets;

/// <summary>Submits a draft (or a rejected change) for approval; each selected customer's approvers are told.</summary>
[Cmdlet(VerbsLifecycle.Submit, "ChangeRequest", SupportsShouldProcess = true)]
[OutputType(typeof(Change))]
public sealed class SubmitChangeRequestCommand : ChangeActionCmdletBase
{
    /// <summary>Submit a change whose window has already ended (an emergency change carried out already; needs -Reason).</summary>
    [Parameter]
    public SwitchParameter Backdated { get; set; }

    /// <summary>An emergency change: its window may run into a freeze of its customers (needs -Reason; recorded and shown in the emails).</summary>
    [Parameter]
    public SwitchParameter Emergency { get; set; }

    /// <summary>Why the override is used; recorded with it.</summary>
    [Parameter]
    public string? Reason { get; set; }

    private protected override ChangeAction Action => ChangeAction.Submit;

    private protected override bool OverrideGiven => Backdated || Emergency;

    private protected override string? OverrideReason => Reason;

    private protected override ChangeActionRequest Request => new() { Reason = Reason, Backdated = Backdated, Emergency = Emergency };
}
