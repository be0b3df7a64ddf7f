using System.Management.Automation;
using ChangeMgmt.Core.Errors;
using ChangeMgmt.Core.Administration;

namespace ChangeMgmt.Cmdlets;

/// <summary>Removes contacts from customers' lists; each list is backed up once before its first removal.</summary>
[Cmdlet(VerbsCommon.Remove, "SesContact", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(void))]
public sealed class RemoveSesContactCommand : SesCmdletBase
{
    private BackupScope? _backups;

    /// <summary>Addresses, from -EmailAddress or an EmailAddress/Email property of piped objects (not piped strings: a piped customer would turn into one).</summary>
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Email")]
    [ValidateNotNullOrEmpty]
    [ValidateEmailAddress]
    public string[] EmailAddress { get; set; } = [];

    protected override void ProcessRecord()
    {
        _backups ??= new BackupScope(Services.Backups, "before Remove-SesContact");
        var addresses = EmailAddress;
        ForEachCustomer("Removing contacts", "Contact", async (customer, pump, ct) =>
        {
            var progress = PumpProgress.Count(pump, this, customer.CustomerCode, $"Removing {customer.CustomerCode} contacts", addresses.Length);
            var done = 0;
            foreach (var address in addresses)
            {
                if (!await pump.InvokeAsync(() => ShouldProcess($"{customer.CustomerCode}: contact {address}", "Remove from the contact list"))) continue;
                await EnsureBackupAsync(_backups, customer, pump, ct);
                try
                {
                    await Services.Contacts.RemoveAsync(customer, address, ct);
                }
                catch (ServiceException ex) when (ex.Kind == ServiceErrorKind.NotFound)
                {
                    pump.Post(() => WriteError(Errors.For(ex, "Contact", $"{customer.CustomerCode}: {address}")));
                }
                finally
                {
                    progress.Report(++done);
                }
            }
            progress.Complete();
        });
    }
}
