using System.Management.Automation;
using ChangeMgmt.Core.Configuration;

namespace ChangeMgmt.Cmdlets;

/// <summary>Gets the validated ChangeMgmt configuration (config.json).</summary>
[Cmdlet(VerbsCommon.Get, "ChangeMgmtConfig")]
[OutputType(typeof(ChangeMgmtConfig))]
public sealed class GetChangeMgmtConfigCommand : ChangeMgmtCmdletBase
{
    protected override void ProcessRecord() => WriteObject(LoadConfigOrThrow().Config);
}
