using System.Management.Automation;

namespace ChangeMgmt.Cmdlets;

/// <summary>Cmdlets that act on existing changes, by id or from the pipeline (a change's ChangeId and Version bind by name).</summary>
public abstract class ChangeTargetCmdletBase : BackendCmdletBase
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ChangeIdCompleter))]
    public string ChangeId { get; set; } = "";

    /// <summary>The version the action is meant for (bound from a change on the pipeline); a change that moved on since is refused.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateRange(1, int.MaxValue)]
    public int? Version { get; set; }

    /// <summary>Runs a write for this change; what can fail for one change is reported as its error and the pipeline goes on.</summary>
    private protected void Write(Action write)
    {
        try
        {
            write();
        }
        catch (Exception ex) when (ChangeWriteErrors.IsPerChange(ex))
        {
            WriteError(Errors.For(ex, "Change", ChangeId));
        }
    }
}
