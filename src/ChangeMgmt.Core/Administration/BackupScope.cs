using System.Collections.Concurrent;
using ChangeMgmt.Core.Configuration;

namespace ChangeMgmt.Core.Administration;

/// <summary>
/// One automatic backup per customer list per command: a bulk change to many contacts is backed up
/// once, before its first write.
/// </summary>
public sealed class BackupScope(ContactListBackups backups, string reason)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<BackupInfo>>> _taken = new(StringComparer.Ordinal);

    /// <summary>The backup of this list, taken now if this command has not taken it yet; <c>New</c> is true the first time.</summary>
    public async Task<(BackupInfo Backup, bool New)> EnsureAsync(CustomerConfig customer, string listName, CancellationToken ct)
    {
        var mine = new Lazy<Task<BackupInfo>>(() => backups.TakeAsync(customer, listName, reason, ct));
        var lazy = _taken.GetOrAdd($"{customer.CustomerCode}/{listName}", mine);
        try
        {
            return (await lazy.Value, ReferenceEquals(lazy, mine));
        }
        catch
        {
            _taken.TryRemove(new KeyValuePair<string, Lazy<Task<BackupInfo>>>($"{customer.CustomerCode}/{listName}", lazy));
            throw;
        }
    }
}
