using System.Management.Automation;

namespace ChangeMgmt.Cmdlets;

/// <summary>Sets the session's defaults for -ProfileName, -Region, -Credential and -EndpointUrl (as Set-AWSCredential and Set-DefaultAWSRegion do for AWS.Tools).</summary>
[Cmdlet(VerbsCommon.Set, "ChangeMgmtDefault")]
[OutputType(typeof(ChangeMgmtDefault))]
public sealed class SetChangeMgmtDefaultCommand : PSCmdlet
{
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? ProfileName { get; set; }

    [Parameter]
    [ValidatePattern(AwsCallerChoice.RegionPattern)]
    public string? Region { get; set; }

    [Parameter]
    [ValidateNotNull]
    public object? Credential { get; set; }

    [Parameter]
    [ValidatePattern(AwsCallerChoice.EndpointPattern)]
    public string? EndpointUrl { get; set; }

    /// <summary>Outputs the defaults now in effect.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void EndProcessing()
    {
        var current = SessionState.PSVariable.GetValue(ChangeMgmtDefault.VariableName) switch
        {
            PSObject { BaseObject: ChangeMgmtDefault wrapped } => wrapped,
            var other => other as ChangeMgmtDefault,
        };
        var updated = new ChangeMgmtDefault
        {
            ProfileName = ProfileName ?? (Credential is null ? current?.ProfileName : null),
            Credential = Credential is null ? (ProfileName is null ? current?.Credential : null) : AwsCallerChoice.Credential(Credential),
            Region = Region ?? current?.Region,
            EndpointUrl = EndpointUrl ?? current?.EndpointUrl,
        };
        SessionState.PSVariable.Set("global:" + ChangeMgmtDefault.VariableName, updated);
        if (PassThru) WriteObject(updated);
    }
}
