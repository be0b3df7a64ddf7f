using System.Management.Automation;
using ChangeMgmt.Core.Errors;
using ChangeMgmt.Core.Administration;
using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Cmdlets;

/// <summary>Gets addresses on customers' suppression lists: given addresses, or all (optionally by reason).</summary>
[Cmdlet(VerbsCommon.Get, "SesSuppression")]
[OutputType(typeof(CustomerSuppression))]
public sealed class GetSesSuppressionCommand : SesCmdletBase
{
    /// <summary>Addresses, from -EmailAddress or an EmailAddress/Email property of piped objects (not piped strings: a piped customer would turn into one).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("Email")]
    [ValidateNotNullOrEmpty]
    [ValidateEmailAddress]
    public string[]? EmailAddress { get; set; }

    [Parameter]
    [ValidateSet("Bounce", "Complaint")]
    public string? Reason { get; set; }

    protected override void ProcessRecord()
    {
        var addresses = EmailAddress;
        SuppressionReason? reason = Reason is null ? null : ParameterValues.Reason(Reason);
        ForEachCustomer("Reading suppression lists", "Suppression", async (customer, pump, ct) =>
        {
            if (addresses is null)
            {
                var all = new List<CustomerSuppression>();
                await foreach (var suppression in Services.Suppression.ListAsync(customer, reason, ct)) all.Add(suppression);
                pump.Post(() => WriteObject(all, enumerateCollection: true));
                return;
            }
            foreach (var address in addresses)
            {
                try
                {
                    var suppression = await Services.Suppression.GetAsync(customer, address, ct);
                    if (reason is null || suppression.Reason == reason) pump.Post(() => WriteObject(suppression));
                }
                catch (ServiceException ex) when (ex.Kind == ServiceErrorKind.NotFound)
                {
                    pump.Post(() => WriteError(Errors.For(ex, "Suppression", $"{customer.CustomerCode}: {address}")));
                }
            }
        });
    }
}
