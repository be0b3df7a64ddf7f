using System.Management.Automation;
using ChangeMgmt.Core.Administration;

namespace ChangeMgmt.Cmdlets;

/// <summary>
/// Puts a customer's contact list back exactly as a backup file holds it (topics, contacts,
/// preferences; contacts not in the backup are removed). The file's integrity hash is checked first and
/// the current list is backed up. -WhatIf outputs the plan: the contacts that would be created, updated and removed.
/// </summary>
[Cmdlet(VerbsData.Restore, "SesContactList", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(RestoreResult), typeof(RestorePlan))]
public sealed class RestoreSesContactListCommand : SesCmdletBase
{
    /// <summary>The backup file (Backup-SesContactList output has it as Path).</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("FullName")]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = "";

    /// <summary>The customer whose list is restored; the backup names its customer, and when this is given they must agree.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("CustomerCode")]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(CustomerCodeCompleter))]
    [ValidateNotNullOrEmpty]
    public override string[]? Customer { get; set; }

    protected override void ProcessRecord()
    {
        var file = System.IO.Path.GetFullPath(Path, SessionState.Path.CurrentFileSystemLocation.ProviderPath);
        if (Read(file) is not { } backup) return;
        // The backup names its customer; -Customer, when given, must agree (checked in Core).
        if (!(Customer is { Length: > 0 } || All) && Config.Config.FindCustomer(backup.CustomerCode) is null)
        {
            WriteError(Errors.CustomerNotFound(backup.CustomerCode, Config.Config.CustomerMappings.Keys));
            return;
        }
        var customers = Customer is { Length: > 0 } || All ? SelectedCustomers() : [Config.Customer(backup.CustomerCode)];
        var whatIf = WhatIfMode;
        ForEachCustomer(customers, "Restoring contact lists", "Restore", async (customer, pump, ct) =>
        {
            var plan = await Services.Restorer.PlanAsync(customer, backup, file, ct);
            var target = $"{customer.CustomerCode}: contact list {backup.ContactList.ContactListName}";
            var action = $"Restore from {System.IO.Path.GetFileName(file)} (taken {backup.TakenAt:u}): {plan.Description}";
            if (!await pump.InvokeAsync(() => ShouldProcess(target, action)))
            {
                if (whatIf) pump.Post(() => WriteObject(plan));
                return;
            }
            var progress = PumpProgress.Count(pump, this, customer.CustomerCode, $"Restoring {customer.CustomerCode} contacts", backup.Contacts.Count);
            var result = await Services.Restorer.RestoreAsync(customer, backup, file, progress, ct);
            progress.Complete();
            pump.Post(() =>
            {
                if (result.PreRestoreBackupPath is { } before)
                    Tell($"{customer.CustomerCode}: the list as it was before the restore is backed up at {before}", "ChangeMgmt.Backup");
                WriteObject(result);
            });
        });
    }

    /// <summary>The backup, or null after an error naming the file (missing, not a backup, changed since it was written).</summary>
    private ContactListBackup? Read(string file)
    {
        try
        {
            var backup = ContactListBackup.Read(file);
            if (backup.Sha256 is null)
                WriteWarning($"{file} was written before backups carried a hash ({backup.Format}): its integrity cannot be checked.");
            return backup;
        }
        catch (Exception ex) when (ex is InvalidDataException or BackupTamperedException or IOException or UnauthorizedAccessException)
        {
            WriteError(Errors.For(ex, "Backup", file));
            return null;
        }
    }
}
