using ChangeMgmt.Core.Customers;
using System.Management.Automation;
using ChangeMgmt.Core.Administration;
using ChangeMgmt.Core.Delivery;

namespace ChangeMgmt.Cmdlets;

/// <summary>
/// Writes each customer's contact list (topics, every contact and its preferences) to a JSON backup file with an
/// integrity hash: to -Path (a file when it ends in .json, one customer; else a directory), else
/// $env:CHANGEMGMT_BACKUP_DIR, else the user's data directory (ChangeMgmt/backups).
/// </summary>
[Cmdlet(VerbsData.Backup, "SesContactList")]
[OutputType(typeof(BackupInfo))]
public sealed class BackupSesContactListCommand : SesCmdletBase
{
    /// <summary>A backup file (ends in .json; one customer) or a directory for the backup files.</summary>
    [Parameter(Position = 1)]
    [ValidateNotNullOrEmpty]
    public string? Path { get; set; }

    private string? FullPath => Path is null ? null : System.IO.Path.GetFullPath(Path, SessionState.Path.CurrentFileSystemLocation.ProviderPath);

    private bool PathIsFile => Path is not null && Path.EndsWith(".json", StringComparison.OrdinalIgnoreCase);

    private protected override string? BackupDirectory => PathIsFile ? null : FullPath;

    protected override void ProcessRecord()
    {
        var customers = SelectedCustomers();
        if (PathIsFile && customers.Count > 1)
            ThrowTerminatingError(Errors.InvalidArgument("BackupPathIsOneFile",
                $"-Path {FullPath} is one file (it ends in .json) and {customers.Count} customers are selected: give a directory for several backups, or one customer.", FullPath));
        var file = PathIsFile ? FullPath : null;
        ForEachCustomer(customers, "Backing up contact lists", "Backup", async (customer, pump, ct) =>
        {
            var name = await CustomerListLookup.NameAsync(Backend.SesAccounts.ForCustomer(customer.CustomerCode), customer, ct);
            var backup = file is null
                ? await Services.Backups.TakeAsync(customer, name, "Backup-SesContactList", ct)
                : await Services.Backups.TakeToFileAsync(customer, name, "Backup-SesContactList", file, ct);
            pump.Post(() => WriteObject(backup));
        });
    }
}
