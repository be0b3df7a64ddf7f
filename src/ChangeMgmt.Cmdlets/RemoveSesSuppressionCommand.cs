using System.Management.Automation;
using ChangeMgmt.Core.Errors;

namespace ChangeMgmt.Cmdlets;

/// <summary>
/// Takes addresses off customers' suppression lists so SES sends to them again. What is removed
/// (address, reason, date) is written to a backup file first.
/// </summary>
[Cmdlet(VerbsCommon.Remove, "SesSuppression", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(void))]
public sealed class RemoveSesSuppressionCommand : SesAddressCmdletBase
{
    protected override void ProcessRecord()
    {
        ForEachAddress(new("Removing suppressions", "Suppression", "Remove from the suppression list (SES may send to it again)", kind => kind == ServiceErrorKind.NotFound), async (customer, address, pump, ct) =>
        {
            var path = await Services.Suppression.RemoveAsync(customer, address, Services.Backups, ct);
            pump.Post(() => Tell($"{customer.CustomerCode}: suppression of {address} saved to {path} before removal", "ChangeMgmt.Backup"));
        });
    }
}
