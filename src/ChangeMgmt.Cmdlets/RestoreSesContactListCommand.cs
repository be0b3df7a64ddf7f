using System.Management.Automation;
using ChangeMgmt.Core.Administration;

namespace ChangeMgmt.Cmdlets;

/// <summary>
/// Puts a customer's contact list back exactly as a backup file holds it (topics, contacts,
/// preferences; contacts not in the backup are removed). The current list is backed up first.
/// </summary>
[Cmdlet(VerbsData.Restore, "SesContactList", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(RestoreResult))]
public sealed class RestoreSesContactListCommand : SesCmdletBase
{
    /// <summary>The backup file (Backup-SesContactList output has it as Path).</summary>
    [Parameter(Mandatory = true, Position = 1, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("FullName")]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = "";

    protected override void ProcessRecord()
    {
        var file = System.IO.Path.GetFullPath(Path, SessionState.Path.CurrentFileSystemLocation.ProviderPath);
        ContactListBackup backup;
        try
        {
            backup = ContactListBackup.Read(file);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            WriteError(Errors.For(ex, "Backup", file));
            return;
        }
        // The backup names its customer; -Customer, when given, must agree (checked in Core).
        if (!(Customer is { Length: > 0 } || All) && Config.Config.FindCustomer(backup.CustomerCode) is null)
        {
            WriteError(Errors.CustomerNotFound(backup.CustomerCode, Config.Config.CustomerMappings.Keys));
            return;
        }
        var customers = Customer is { Length: > 0 } || All ? SelectedCustomers() : [Config.Customer(backup.CustomerCode)];
        ForEachCustomer(customers, "Restoring contact lists", "Restore", async (customer, pump, ct) =>
        {
            var target = $"{customer.CustomerCode}: contact list {backup.ContactList.ContactListName}";
            var action = $"Restore {backup.Contacts.Count} contacts and {backup.ContactList.Topics.Count} topics from {System.IO.Path.GetFileName(file)} (taken {backup.TakenAt:u}); contacts not in it are removed";
            if (!await pump.InvokeAsync(() => ShouldProcess(target, action))) return;
            var progress = PumpProgress.Count(pump, this, customer.CustomerCode, $"Restoring {customer.CustomerCode} contacts", backup.Contacts.Count);
            var result = await Services.Restorer.RestoreAsync(customer, backup, file, progress, ct);
            pump.Post(() =>
            {
                if (result.PreRestoreBackupPath is { } before)
                    Tell($"{customer.CustomerCode}: the list as it was before the restore is backed up at {before}", "ChangeMgmt.Backup");
                WriteObject(result);
            });
        });
    }
}
