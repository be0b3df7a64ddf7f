using System.Management.Automation;
using ChangeMgmt.Core.Administration;

namespace ChangeMgmt.Cmdlets;

/// <summary>Each value is an email address (checked by Core's rule before any call); the error names the value.</summary>
internal sealed class ValidateEmailAddressAttribute : ValidateEnumeratedArgumentsAttribute
{
    protected override void ValidateElement(object element) => Check(element is PSObject ps ? ps.BaseObject : element);

    // Core is touched only here, when a value is bound: PowerShell creates the attribute while it scans the module.
    private static void Check(object value)
    {
        if (EmailAddresses.Problem(value as string) is { } problem) throw new ValidationMetadataException(problem);
    }
}
