using System.Management.Automation;
using ChangeMgmt.Core.Changes;

namespace ChangeMgmt.Cmdlets;

/// <summary>Approves a submitted change; each customer's subscribed people get the announcement and calendar invite.</summary>
[Cmdlet(VerbsLifecycle.Approve, "ChangeRequest", SupportsShouldProcess = true)]
[OutputType(typeof(Change))]
public sealed class ApproveChangeRequestCommand : ChangeActionCmdletBase
{
    /// <summary>The approver's comment, recorded in the change's history.</summary>
    [Parameter]
    public string? Comment { get; set; }

    /// <summary>Approve a change you created or last modified although auth.allow_self_approval does not allow it (needs -Reason).</summary>
    [Parameter]
    public SwitchParameter AllowSelfApproval { get; set; }

    /// <summary>Approve a change whose window has already ended (needs -Reason).</summary>
    [Parameter]
    public SwitchParameter Backdated { get; set; }

    /// <summary>An emergency change: its window may run into a freeze of its customers (needs -Reason; recorded and shown in the emails).</summary>
    [Parameter]
    public SwitchParameter Emergency { get; set; }

    /// <summary>Why an override is used; recorded with it.</summary>
    [Parameter]
    public string? Reason { get; set; }

    private protected override ChangeAction Action => ChangeAction.Approve;

    private protected override bool OverrideGiven => AllowSelfApproval || Backdated || Emergency;

    private protected override string? OverrideReason => Reason;

    private protected override ChangeActionRequest Request => new()
    {
        Comment = Comment, Reason = Reason, OverrideSelfApproval = AllowSelfApproval, Backdated = Backdated, Emergency = Emergency,
    };
}
