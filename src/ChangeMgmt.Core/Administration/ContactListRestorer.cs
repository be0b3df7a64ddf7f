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
/// Puts a list back exactly as a backup holds it: description and topics, every contact with its
/// preferences, and no contact the backup does not have. The current state is backed up first.
/// </summary>
public sealed class ContactListRestorer(ISesAccountProvider accounts, ContactListBackups backups)
{
    private const int PageSize = 1000;

    public async Task<RestoreResult> RestoreAsync(CustomerConfig customer, ContactListBackup backup, string backupPath, IProgress<int>? progress, CancellationToken ct)
    {
        if (backup.CustomerCode != customer.CustomerCode)
            throw new ServiceException(ServiceErrorKind.Validation,
                $"{backupPath} is a backup of customer '{backup.CustomerCode}', not '{customer.CustomerCode}'; restoring it there would give one customer another's contacts.",
                customer.CustomerCode, errorCode: "BackupCustomerMismatch");

        var account = accounts.ForCustomer(customer.CustomerCode);
        var wanted = backup.ContactList;
        var exists = await ExistsAsync(account, wanted.ContactListName, ct);
        string? before = null;
        if (exists)
        {
            before = (await backups.TakeAsync(customer, wanted.ContactListName, $"before Restore-SesContactList {System.IO.Path.GetFileName(backupPath)}", ct)).Path;
            await account.UpdateContactListAsync(new SesContactList(wanted.ContactListName, wanted.Description, wanted.Topics), ct);
        }
        else
        {
            await account.CreateContactListAsync(new SesContactList(wanted.ContactListName, wanted.Description, wanted.Topics), ct);
        }

        var current = exists
            ? (await AudienceReader.ReadAllAsync(token => account.ListContactsAsync(wanted.ContactListName, null, PageSize, token, ct)))
                .ToDictionary(c => c.EmailAddress, StringComparer.OrdinalIgnoreCase)
            : [];
        int created = 0, updated = 0, unchanged = 0, removed = 0, done = 0;
        foreach (var contact in backup.Contacts)
        {
            if (!current.Remove(contact.EmailAddress, out var live))
            {
                await account.CreateContactAsync(wanted.ContactListName, Clean(contact), ct);
                created++;
            }
            else if (Same(live, contact)) unchanged++;
            else
            {
                await account.UpdateContactAsync(wanted.ContactListName, Clean(contact) with { EmailAddress = live.EmailAddress }, ct);
                updated++;
            }
            progress?.Report(++done);
        }
        foreach (var extra in current.Values)
        {
            await account.DeleteContactAsync(wanted.ContactListName, extra.EmailAddress, ct);
            removed++;
        }
        return new RestoreResult(customer.CustomerCode, wanted.ContactListName, backupPath, !exists, created, updated, removed, unchanged, before);
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
