using System.Management.Automation;
using ChangeMgmt.Core.Errors;
using ChangeMgmt.Core.Administration;

namespace ChangeMgmt.Cmdlets;

/// <summary>Removes contacts from customers' lists; each list is backed up once before its first removal.</summary>
[Cmdlet(VerbsCommon.Remove, "SesContact", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(void))]
public sealed class RemoveSesContactCommand : SesAddressCmdletBase
{
    private BackupScope? _backups;

    protected override void ProcessRecord()
    {
        _backups ??= new BackupScope(Services.Backups, "before Remove-SesContact");
        var backups = _backups;
        ForEachAddress(new("Removing contacts", "Contact", "Remove from the contact list", kind => kind == ServiceErrorKind.NotFound), async (customer, address, pump, ct) =>
        {
            await EnsureBackupAsync(backups, customer, pump, ct);
            await Services.Contacts.RemoveAsync(customer, address, ct);
        });
    }
}
