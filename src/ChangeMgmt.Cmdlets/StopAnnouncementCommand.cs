using System.Management.Automation;
using ChangeMgmt.Core.Announcements;
using ChangeMgmt.Core.Changes;

namespace ChangeMgmt.Cmdlets;

/// <summary>Cancels a submitted or approved announcement (a draft is deleted instead).</summary>
[Cmdlet(VerbsLifecycle.Stop, "Announcement", SupportsShouldProcess = true)]
[Alias("Cancel-Announcement")]
[OutputType(typeof(Announcement))]
public sealed class StopAnnouncementCommand : AnnouncementActionCmdletBase
{
    /// <summary>Why the announcement is cancelled; recorded in its history.</summary>
    [Parameter]
    public string? Reason { get; set; }

    private protected override AnnouncementAction Action => AnnouncementAction.Cancel;

    private protected override string ActionDescription => "Cancel";

    private protected override ChangeActionRequest Request => new() { Reason = Reason };
}
