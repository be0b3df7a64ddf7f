using System.Management.Automation;
using ChangeMgmt.Core.Errors;

namespace ChangeMgmt.Cmdlets;

/// <summary>
/// Takes addresses off customers' suppression lists so SES sends to them again. What is removed
/// (address, reason, date) is written to a backup file first.
/// </summary>
[Cmdlet(VerbsCommon.Remove, "SesSuppression", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(void))]
public sealed class RemoveSesSuppressionCommand : SesCmdletBase
{
    /// <summary>Addresses, from -EmailAddress or an EmailAddress/Email property of piped objects (not piped strings: a piped customer would turn into one).</summary>
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Email")]
    [ValidateNotNullOrEmpty]
    [ValidateEmailAddress]
    public string[] EmailAddress { get; set; } = [];

    protected override void ProcessRecord()
    {
        var addresses = EmailAddress;
        ForEachCustomer("Removing suppressions", "Suppression", async (customer, pump, ct) =>
        {
            foreach (var address in addresses)
            {
                if (!await pump.InvokeAsync(() => ShouldProcess($"{customer.CustomerCode}: {address}", "Remove from the suppression list (SES may send to it again)"))) continue;
                try
                {
                    var path = await Services.Suppression.RemoveAsync(customer, address, Services.Backups, ct);
                    pump.Post(() => Tell($"{customer.CustomerCode}: suppression of {address} saved to {path} before removal", "ChangeMgmt.Backup"));
                }
                catch (ServiceException ex) when (ex.Kind == ServiceErrorKind.NotFound)
                {
                    pump.Post(() => WriteError(Errors.For(ex, "Suppression", $"{customer.CustomerCode}: {address}")));
                }
            }
        });
    }
}
