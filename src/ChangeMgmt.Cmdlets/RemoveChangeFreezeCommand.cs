using System.Management.Automation;

namespace ChangeMgmt.Cmdlets;

/// <summary>Removes freezes: each is kept in storage, marked removed, and no longer holds changes.</summary>
[Cmdlet(VerbsCommon.Remove, "ChangeFreeze", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(void))]
public sealed class RemoveChangeFreezeCommand : TargetCmdletBase
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(FreezeIdCompleter))]
    public string FreezeId { get; set; } = "";

    private protected override string TargetId => FreezeId;

    private protected override string Noun => Errors.FreezeNoun;

    protected override void ProcessRecord() => Write(() =>
    {
        var current = Await(ct => Core.Freezes.GetAsync(FreezeId, ct));
        var version = Version ?? current.Version;
        if (ShouldProcess($"{FreezeId} v{version} '{current.Name}'", "Remove freeze"))
            Await(ct => Core.Freezes.RemoveAsync(FreezeId, version, SessionUser, ct));
    });
}
