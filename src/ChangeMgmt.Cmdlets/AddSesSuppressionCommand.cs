using System.Management.Automation;
using ChangeMgmt.Core.Administration;
using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Cmdlets;

/// <summary>Puts addresses on customers' account-level suppression lists: SES sends them nothing.</summary>
[Cmdlet(VerbsCommon.Add, "SesSuppression", SupportsShouldProcess = true)]
[OutputType(typeof(CustomerSuppression))]
public sealed class AddSesSuppressionCommand : SesCmdletBase
{
    /// <summary>Addresses, from -EmailAddress or an EmailAddress/Email property of piped objects (not piped strings: a piped customer would turn into one).</summary>
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Email")]
    [ValidateNotNullOrEmpty]
    [ValidateEmailAddress]
    public string[] EmailAddress { get; set; } = [];

    /// <summary>Bounce or Complaint.</summary>
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [ValidateSet("Bounce", "Complaint")]
    public string Reason { get; set; } = "";

    protected override void ProcessRecord()
    {
        var addresses = EmailAddress;
        var reason = ParameterValues.Reason(Reason);
        ForEachCustomer("Suppressing addresses", "Suppression", async (customer, pump, ct) =>
        {
            foreach (var address in addresses)
            {
                if (!await pump.InvokeAsync(() => ShouldProcess($"{customer.CustomerCode}: {address}", $"Suppress ({reason})"))) continue;
                var suppression = await Services.Suppression.AddAsync(customer, address, reason, ct);
                pump.Post(() => WriteObject(suppression));
            }
        });
    }
}
