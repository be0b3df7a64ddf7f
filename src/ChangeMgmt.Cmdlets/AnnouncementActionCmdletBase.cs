using ChangeMgmt.Core.Announcements;

namespace ChangeMgmt.Cmdlets;

/// <summary>
/// Moves announcements through the lifecycle (submit, approve, cancel), by id or from the pipeline
/// (<c>Get-Announcement -Status Submitted | Approve-Announcement</c>). The rules are Core's (<see cref="AnnouncementService"/>).
/// </summary>
public abstract class AnnouncementActionCmdletBase : AnnouncementTargetCmdletBase
{
    private protected abstract AnnouncementAction Action { get; }

    private protected abstract string ActionDescription { get; }

    protected override void ProcessRecord() => WriteIf(ActionDescription, () =>
        Report(Await(ct => Core.Announcements.ApplyAsync(AnnouncementId, Action, SessionUser, Version, Request, ct))));
}
