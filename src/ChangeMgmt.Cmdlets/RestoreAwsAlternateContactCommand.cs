using System.Management.Automation;
using ChangeMgmt.Core.Administration;
using ChangeMgmt.Core.AlternateContacts;
using ChangeMgmt.Core.Configuration;

namespace ChangeMgmt.Cmdlets;

/// <summary>
/// Puts alternate contacts back as a backup file holds them (Set- and Remove-AwsAlternateContact write one before any
/// change): contacts the backup has are set, types it had none of are removed. The file's hash is checked first and the
/// current contacts are backed up. -Customer, -AccountId and -Type restore part of it; -WhatIf outputs the plan.
/// </summary>
[Cmdlet(VerbsData.Restore, "AwsAlternateContact", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(ContactChange))]
public sealed class RestoreAwsAlternateContactCommand : AlternateContactWriteCmdletBase
{
    /// <summary>The backup file (named in the message Set- and Remove-AwsAlternateContact show).</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("FullName")]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = "";

    /// <summary>Only these of the backup's customers (wildcards allowed); all of them when omitted.</summary>
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
        var customers = BackupCustomers(backup);
        var filter = Filter;
        var context = Context($"before restoring {System.IO.Path.GetFileName(file)}");
        ForEachCustomer(customers, "Restoring alternate contacts", "AlternateContact", async (customer, pump, ct) =>
        {
            var service = ServiceFor(customer, pump, "reading alternate contacts");
            var own = backup with { Contacts = [.. backup.Contacts.Where(c => c.CustomerCode == customer.CustomerCode)] };
            var plan = await service.PlanRestoreAsync(own, filter, ct);
            await ApplyAsync(customer, service, plan, "Restore", context, pump, ct);
        });
    }

    /// <summary>The backup's customers that -Customer selects, each configured (an unknown one is its own error).</summary>
    private List<CustomerConfig> BackupCustomers(AlternateContactBackup backup)
    {
        var patterns = (Customer ?? ["*"]).Select(p => WildcardPattern.Get(p, WildcardOptions.IgnoreCase)).ToList();
        var customers = new List<CustomerConfig>();
        foreach (var code in backup.Contacts.Select(c => c.CustomerCode).Distinct().Where(code => patterns.Any(p => p.IsMatch(code))).Order(StringComparer.Ordinal))
        {
            if (Config.Config.FindCustomer(code) is { } customer) customers.Add(customer);
            else WriteError(Errors.CustomerNotFound(code, Config.Config.CustomerMappings.Keys));
        }
        if (customers.Count == 0 && Customer is { Length: > 0 })
            WriteError(Errors.InvalidArgument("CustomerNotInBackup", $"The backup holds no contacts of {string.Join(", ", Customer)}; it has {string.Join(", ", backup.Contacts.Select(c => c.CustomerCode).Distinct())}.", Customer));
        return customers;
    }

    /// <summary>The backup, or null after an error naming the file (missing, not a backup, changed since it was written).</summary>
    private AlternateContactBackup? Read(string file)
    {
        try
        {
            return AlternateContactBackup.Read(file);
        }
        catch (Exception ex) when (ex is InvalidDataException or BackupTamperedException or IOException or UnauthorizedAccessException)
        {
            WriteError(Errors.For(ex, "Backup", file));
            return null;
        }
    }
}
