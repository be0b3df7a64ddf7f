using System.Management.Automation;
using ChangeMgmt.Core.Announcements;
using ChangeMgmt.Core.Changes;

namespace ChangeMgmt.Cmdlets;

/// <summary>Approves a submitted announcement; each customer's people subscribed to its type's topic get it (at -PublishAt when set).</summary>
[Cmdlet(VerbsLifecycle.Approve, "Announcement", SupportsShouldProcess = true)]
[OutputType(typeof(Announcement))]
public sealed class ApproveAnnouncementCommand : AnnouncementActionCmdletBase
{
    /// <summary>The approver's comment, recorded in the announcement's history.</summary>
    [Parameter]
    public string? Comment { get; set; }

    /// <summary>Approve an announcement you created or last modified although auth.allow_self_approval does not allow it (needs -Reason).</summary>
    [Parameter]
    public SwitchParameter AllowSelfApproval { get; set; }

    /// <summary>Why the override is used; recorded with it.</summary>
    [Parameter]
    public string? Reason { get; set; }

    private protected override AnnouncementAction Action => AnnouncementAction.Approve;

    private protected override string ActionDescription => "Approve (the customers' people are sent it)";

    private protected override bool OverrideGiven => AllowSelfApproval;

    private protected override string? OverrideReason => Reason;

    private protected override ChangeActionRequest Request => new() { Comment = Comment, Reason = Reason, OverrideSelfApproval = AllowSelfApproval };
}
