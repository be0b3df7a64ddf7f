using ChangeMgmt.Core.Customers;
using System.Management.Automation;
using ChangeMgmt.Core.Administration;
using ChangeMgmt.Core.Delivery;

namespace ChangeMgmt.Cmdlets;

/// <summary>Writes each customer's contact list (topics, every contact and its preferences) to a JSON backup file.</summary>
[Cmdlet(VerbsData.Backup, "SesContactList")]
[OutputType(typeof(BackupInfo))]
public sealed class BackupSesContactListCommand : SesCmdletBase
{
    /// <summary>The directory for backup files; else $env:CHANGEMGMT_BACKUP_DIR; else backups/ beside config.json.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Path { get; set; }

    private protected override string? BackupDirectory =>
        Path is null ? null : System.IO.Path.GetFullPath(Path, SessionState.Path.CurrentFileSystemLocation.ProviderPath);

    protected override void ProcessRecord() =>
        ForEachCustomer("Backing up contact lists", "Backup", async (customer, pump, ct) =>
        {
            var name = await CustomerListLookup.NameAsync(Backend.SesAccounts.ForCustomer(customer.CustomerCode), customer, ct);
            var backup = await Services.Backups.TakeAsync(customer, name, "Backup-SesContactList", ct);
            pump.Post(() => WriteObject(backup));
        });
}
