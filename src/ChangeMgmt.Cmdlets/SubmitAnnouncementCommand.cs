using System.Management.Automation;
using ChangeMgmt.Core.Announcements;

namespace ChangeMgmt.Cmdlets;

/// <summary>Submits a draft for approval; a type that needs none (general) is published: approved and sent at once.</summary>
[Cmdlet(VerbsLifecycle.Submit, "Announcement", SupportsShouldProcess = true)]
[OutputType(typeof(Announcement))]
public sealed class SubmitAnnouncementCommand : AnnouncementActionCmdletBase
{
    private protected override AnnouncementAction Action => AnnouncementAction.Submit;

    private protected override string ActionDescription => "Submit (for approval; a type without approval is sent to the customers at once)";
}
