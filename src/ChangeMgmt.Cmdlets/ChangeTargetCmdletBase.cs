using System.Management.Automation;

namespace ChangeMgmt.Cmdlets;

/// <summary>Cmdlets that act on existing changes, by id or from the pipeline (a change's ChangeId and Version bind by name).</summary>
public abstract class ChangeTargetCmdletBase : TargetCmdletBase
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ChangeIdCompleter))]
    public string ChangeId { get; set; } = "";

    private protected override string TargetId => ChangeId;

    private protected override string Noun => "Change";
}
