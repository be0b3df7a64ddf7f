using System.Management.Automation;
using ChangeMgmt.Core.Configuration;
using ChangeMgmt.Core.Errors;

namespace ChangeMgmt.Cmdlets;

/// <summary>Per-customer cmdlets that act on each of -EmailAddress in turn (contacts, suppressions), with progress per customer.</summary>
public abstract class SesAddressCmdletBase : SesCmdletBase
{
    /// <summary>Addresses, from -EmailAddress or an EmailAddress/Email property of piped objects (not piped strings: a piped customer would turn into one).</summary>
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Email")]
    [ValidateNotNullOrEmpty]
    [ValidateEmailAddress]
    public string[] EmailAddress { get; set; } = [];

    /// <summary>What one address's work is called in messages: its noun (Contact, Suppression) and the ShouldProcess action.</summary>
    private protected sealed record AddressWork(string Activity, string Noun, string Action, Func<ServiceErrorKind, bool> IsAddressError);

    /// <summary>
    /// For each selected customer and each address: ShouldProcess ("{customer}: {noun} {address}"), then
    /// <paramref name="work"/>; a service error <see cref="AddressWork.IsAddressError"/> accepts is that address's
    /// error and the others go on (any other error stops the customer).
    /// </summary>
    private protected void ForEachAddress(AddressWork spec, Func<CustomerConfig, string, PipelinePump, CancellationToken, Task> work)
    {
        var addresses = EmailAddress;
        var noun = spec.Noun.ToLowerInvariant();
        ForEachCustomer(spec.Activity, spec.Noun, async (customer, pump, ct) =>
        {
            var progress = PumpProgress.Count(pump, this, customer.CustomerCode, $"{spec.Activity} ({customer.CustomerCode})", addresses.Length);
            var done = 0;
            foreach (var address in addresses)
            {
                try
                {
                    if (await pump.InvokeAsync(() => ShouldProcess($"{customer.CustomerCode}: {noun} {address}", spec.Action)))
                        await work(customer, address, pump, ct);
                }
                catch (ServiceException ex) when (spec.IsAddressError(ex.Kind))
                {
                    pump.Post(() => WriteError(Errors.For(ex, spec.Noun, $"{customer.CustomerCode}: {address}")));
                }
                progress.Report(++done);
            }
            progress.Complete();
        });
    }
}
