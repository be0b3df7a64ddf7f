using System.Management.Automation;

namespace ChangeMgmt.Cmdlets;

/// <summary>-Force, added to every cmdlet that supports ShouldProcess (as AWS.Tools has it beside -Confirm).</summary>
public sealed class ForceParameter
{
    /// <summary>Skips the confirmation prompt; -WhatIf still previews and changes nothing, an explicit -Confirm still asks.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }
}
