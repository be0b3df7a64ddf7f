using System.Management.Automation;
using ChangeMgmt.Core.Changes;

namespace ChangeMgmt.Cmdlets;

/// <summary>Edits a change (draft, submitted or approved); the version goes up and the previous one is kept.</summary>
[Cmdlet(VerbsCommon.Set, "ChangeRequest", SupportsShouldProcess = true)]
[OutputType(typeof(Change))]
public sealed class SetChangeRequestCommand : ChangeFieldsCmdletBase
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ChangeIdCompleter))]
    public string ChangeId { get; set; } = "";

    /// <summary>The version the edit is based on; if the change has moved on since, nothing is written (ChangeVersionConflict).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateRange(1, int.MaxValue)]
    public int? Version { get; set; }

    protected override void ProcessRecord()
    {
        try
        {
            var current = Await(ct => Core.Changes.GetAsync(ChangeId, ct)).Change;
            var edited = WithFields(current);
            if (!ShouldProcess($"{ChangeId} v{current.Version} '{current.ChangeTitle}'", "Update")) return;
            Report(Await(ct => Core.Changes.UpdateAsync(ChangeId, Version ?? current.Version, edited, SessionUser, ct)));
        }
        catch (Exception ex) when (ChangeWriteErrors.IsPerChange(ex))
        {
            WriteError(Errors.For(ex, "Change", ChangeId));
        }
    }
}
