using ChangeMgmt.Core.Administration;
using ChangeMgmt.Core.Configuration;
using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Core.Subscriptions;

/// <summary>
/// The server's automatic contact list backups: the same snapshot and file as Backup-SesContactList
/// (<see cref="ContactListBackups"/>), kept in the bucket (a server has no directory of its own to keep them in).
/// </summary>
public sealed class SubscriptionBackups(IObjectStore store, ContactListBackups backups)
{
    /// <summary>The backup's bucket key.</summary>
    public async Task<string> TakeAsync(CustomerConfig customer, string listName, string reason, CancellationToken ct)
    {
        var backup = await backups.SnapshotAsync(customer, listName, reason, ct);
        var key = SubscriptionKeys.Backup(customer.CustomerCode, listName, backup.TakenAt);
        await store.PutAsync(key, backup.ToJson(), WriteCondition.None, ct);
        return key;
    }
}
