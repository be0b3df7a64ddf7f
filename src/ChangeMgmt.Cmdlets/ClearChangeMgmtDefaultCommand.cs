using System.Management.Automation;

namespace ChangeMgmt.Cmdlets;

/// <summary>Removes the session's defaults: the cmdlets go back to AWS.Tools' session defaults, config.json and the SDK's chains.</summary>
[Cmdlet(VerbsCommon.Clear, "ChangeMgmtDefault")]
[OutputType(typeof(void))]
public sealed class ClearChangeMgmtDefaultCommand : PSCmdlet
{
    protected override void EndProcessing() => SessionState.PSVariable.Remove("global:" + ChangeMgmtDefault.VariableName);
}
