using ChangeMgmt.Core.Configuration;
using ChangeMgmt.Core.Delivery;
using ChangeMgmt.Core.Errors;
using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Core.Administration;

public sealed record RestoreResult(
    string CustomerCode,
    string ContactListName,
    string BackupPath,
    bool ListCreated,
    int Created,
    int Updated,
    int Removed,
    int Unchanged,
    string? PreRestoreBackupPath);

/// <summary>
/// What a restore would do to one customer's list (the -WhatIf output): the contacts it would create, update and
/// remove (those not in the backup), by address.
/// </summary>
public sealed record RestorePlan(
    string CustomerCode,
    string ContactListName,
    string BackupPath,
    bool ListExists,
    IReadOnlyList<string> ToCreate,
    IReadOnlyList<string> ToUpdate,
    IReadOnlyList<string> ToRemove,
    int Unchanged)
{
    /// <summary>The plan in words (the -WhatIf and -Confirm text).</summary>
    public string Description =>
        (ListExists ? "" : "create the list; ") +
        $"create {ToCreate.Count}, update {ToUpdate.Count}, leave {Unchanged} unchanged, remove {ToRemove.Count} contacts not in the backup" +
        (ToRemove.Count == 0 ? "" : $" ({string.Join(", ", ToRemove.Take(10))}{(ToRemove.Count > 10 ? ", …" : "")})");
}

/// <summary>
/// Puts a list back exactly as a backup holds it: description and topics, every contact with its
/// preferences, and no contact the backup does not have. The current state is backed up first.
/// </summary>
public sealed class ContactListRestorer(ISesAccountProvider accounts, ContactListBackups backups)
{
    private const int PageSize = 1000;

    /// <summary>Reads the live list and compares it with the backup; changes nothing.</summary>
    public async Task<RestorePlan> PlanAsync(CustomerConfig customer, ContactListBackup backup, string backupPath, CancellationToken ct) =>
        (await DiffAsync(customer, backup, backupPath, ct)).Plan;

    public async Task<RestoreResult> RestoreAsync(CustomerConfig customer, ContactListBackup backup, string backupPath, IProgress<int>? progress, CancellationToken ct)
    {
        var (plan, creates, updates) = await DiffAsync(customer, backup, backupPath, ct);
        var account = accounts.ForCustomer(customer.CustomerCode);
        var wanted = backup.ContactList;
        string? before = null;
        if (plan.ListExists)
        {
            before = (await backups.TakeAsync(customer, wanted.ContactListName, $"before Restore-SesContactList {System.IO.Path.GetFileName(backupPath)}", ct)).Path;
            await account.UpdateContactListAsync(new SesContactList(wanted.ContactListName, wanted.Description, wanted.Topics), ct);
        }
        else
        {
            await account.CreateContactListAsync(new SesContactList(wanted.ContactListName, wanted.Description, wanted.Topics), ct);
        }
        var done = plan.Unchanged;
        foreach (var contact in creates)
        {
            await account.CreateContactAsync(wanted.ContactListName, contact, ct);
            progress?.Report(++done);
        }
        foreach (var contact in updates)
        {
            await account.UpdateContactAsync(wanted.ContactListName, contact, ct);
            progress?.Report(++done);
        }
        foreach (var extra in plan.ToRemove)
            await account.DeleteContactAsync(wanted.ContactListName, extra, ct);
        return new RestoreResult(customer.CustomerCode, wanted.ContactListName, backupPath, !plan.ListExists, creates.Count, updates.Count, plan.ToRemove.Count, plan.Unchanged, before);
    }

    /// <summary>The plan, with the contacts to write as they will be written (an update keeps the live address's spelling).</summary>
    private async Task<(RestorePlan Plan, List<SesContact> Creates, List<SesContact> Updates)> DiffAsync(
        CustomerConfig customer, ContactListBackup backup, string backupPath, CancellationToken ct)
    {
        if (backup.CustomerCode != customer.CustomerCode)
            throw new ServiceException(ServiceErrorKind.Validation,
                $"{backupPath} is a backup of customer '{backup.CustomerCode}', not '{customer.CustomerCode}'; restoring it there would give one customer another's contacts.",
                customer.CustomerCode, errorCode: "BackupCustomerMismatch");
        var account = accounts.ForCustomer(customer.CustomerCode);
        var listName = backup.ContactList.ContactListName;
        var exists = await ExistsAsync(account, listName, ct);
        var current = exists
            ? (await AudienceReader.ReadAllAsync(token => account.ListContactsAsync(listName, null, PageSize, token, ct)))
                .ToDictionary(c => c.EmailAddress, StringComparer.OrdinalIgnoreCase)
            : [];
        List<SesContact> creates = [], updates = [];
        var unchanged = 0;
        foreach (var contact in backup.Contacts)
        {
            if (!current.Remove(contact.EmailAddress, out var live)) creates.Add(Clean(contact));
            else if (Same(live, contact)) unchanged++;
            else updates.Add(Clean(contact) with { EmailAddress = live.EmailAddress });
        }
        var plan = new RestorePlan(customer.CustomerCode, listName, backupPath, exists,
            [.. creates.Select(c => c.EmailAddress)], [.. updates.Select(c => c.EmailAddress)], [.. current.Keys.Order(StringComparer.OrdinalIgnoreCase)], unchanged);
        return (plan, creates, updates);
    }

    private static SesContact Clean(SesContact c) => new(c.EmailAddress, c.TopicPreferences, c.UnsubscribeAll, c.AttributesData);

    private static bool Same(SesContact live, SesContact wanted) =>
        live.UnsubscribeAll == wanted.UnsubscribeAll
        && (live.AttributesData ?? "") == (wanted.AttributesData ?? "")
        && Preferences(live).SetEquals(Preferences(wanted));

    private static HashSet<TopicPreference> Preferences(SesContact c) => [.. c.TopicPreferences];

    private static async Task<bool> ExistsAsync(ISesAccount account, string listName, CancellationToken ct)
    {
        try
        {
            await account.GetContactListAsync(listName, ct);
            return true;
        }
        catch (ServiceException ex) when (ex.Kind == ServiceErrorKind.NotFound)
        {
            return false;
        }
    }
}
