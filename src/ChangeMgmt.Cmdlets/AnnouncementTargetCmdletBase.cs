using System.Management.Automation;

namespace ChangeMgmt.Cmdlets;

/// <summary>Cmdlets that act on existing announcements, by id or from the pipeline (an announcement's AnnouncementId and Version bind by name).</summary>
public abstract class AnnouncementTargetCmdletBase : TargetCmdletBase
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(AnnouncementIdCompleter))]
    public string AnnouncementId { get; set; } = "";

    private protected override string TargetId => AnnouncementId;

    private protected override string Noun => Errors.AnnouncementNoun;
}
