using System.Management.Automation;

namespace ChangeMgmt.Cmdlets;

/// <summary>The session's defaults set with Set-ChangeMgmtDefault (nothing when none are set).</summary>
[Cmdlet(VerbsCommon.Get, "ChangeMgmtDefault")]
[OutputType(typeof(ChangeMgmtDefault))]
public sealed class GetChangeMgmtDefaultCommand : PSCmdlet
{
    protected override void EndProcessing()
    {
        if (SessionState.PSVariable.GetValue(ChangeMgmtDefault.VariableName) is { } value) WriteObject(value);
    }
}
