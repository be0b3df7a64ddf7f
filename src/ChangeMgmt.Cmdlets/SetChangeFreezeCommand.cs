using System.Management.Automation;
using ChangeMgmt.Core.Freezes;

namespace ChangeMgmt.Cmdlets;

/// <summary>Edits a freeze; each write raises its version and keeps the previous one.</summary>
[Cmdlet(VerbsCommon.Set, "ChangeFreeze", SupportsShouldProcess = true, DefaultParameterSetName = Timed)]
[OutputType(typeof(ChangeFreeze))]
public sealed class SetChangeFreezeCommand : FreezeFieldsCmdletBase
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(FreezeIdCompleter))]
    public string FreezeId { get; set; } = "";

    /// <summary>The version the edit is based on; if the freeze has moved on since, nothing is written (FreezeVersionConflict).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateRange(1, int.MaxValue)]
    public int? Version { get; set; }

    protected override void ProcessRecord()
    {
        try
        {
            var current = Await(ct => Core.Freezes.GetAsync(FreezeId, ct));
            var expected = Version ?? current.Version;
            var edited = WithFields(current);
            if (!ShouldProcess($"{FreezeId} v{expected} '{current.Name}'", "Update freeze")) return;
            WriteObject(Await(ct => Core.Freezes.UpdateAsync(FreezeId, edited, expected, SessionUser, ct)));
        }
        catch (Exception ex) when (ChangeWriteErrors.IsPerChange(ex))
        {
            WriteError(Errors.For(ex, Errors.FreezeNoun, FreezeId));
        }
    }
}
