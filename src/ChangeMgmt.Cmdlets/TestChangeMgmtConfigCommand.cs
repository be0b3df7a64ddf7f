using System.Management.Automation;
using ChangeMgmt.Core.Configuration;

namespace ChangeMgmt.Cmdlets;

/// <summary>Checks config.json and SESConfig.json (schema and customer codes): one record per problem, or $true/$false with -Quiet.</summary>
[Cmdlet(VerbsDiagnostic.Test, "ChangeMgmtConfig")]
[OutputType(typeof(ConfigProblem))]
[OutputType(typeof(bool))]
public sealed class TestChangeMgmtConfigCommand : ChangeMgmtCmdletBase
{
    /// <summary>Return only $true (no problem) or $false.</summary>
    [Parameter]
    public SwitchParameter Quiet { get; set; }

    protected override void ProcessRecord()
    {
        var problems = ConfigChecks.Problems(ResolvedConfigPath);
        if (Quiet) WriteObject(problems.Count == 0);
        else WriteObject(problems, enumerateCollection: true);
    }
}
