using ChangeMgmt.Core.Changes;
using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Core.Freezes;

/// <summary>
/// Freezes in the bucket (<see cref="FreezeKeys"/>): created If-None-Match, replaced If-Match with the replaced
/// version kept first, as the change's repository does.
/// </summary>
internal sealed class FreezeRepository(IObjectStore store)
{
    public async Task<StoredFreeze?> FindAsync(string id, CancellationToken ct) => await ReadAsync(FreezeKeys.Current(id), ct);

    /// <summary>Writes a new freeze; an id already taken throws <see cref="Errors.ConcurrencyConflictException"/>.</summary>
    public async Task<StoredFreeze> CreateAsync(ChangeFreeze freeze, CancellationToken ct)
    {
        var key = FreezeKeys.Current(freeze.FreezeId);
        return new(freeze, key, await store.PutAsync(key, FreezeJson.Serialize(freeze), WriteCondition.MustNotExist, ct));
    }

    /// <summary>Replaces <paramref name="current"/> with <paramref name="next"/>; a stale ETag is the caller's version conflict.</summary>
    public async Task<StoredFreeze> ReplaceAsync(StoredFreeze current, ChangeFreeze next, CancellationToken ct)
    {
        var old = current.Freeze;
        var etag = await GuardedReplace.ReplaceAsync(
            store, current.Key, current.ETag, (FreezeKeys.Version(old.FreezeId, old.Version), FreezeJson.Serialize(old)), FreezeJson.Serialize(next),
            async () => new(old.FreezeId, old.Version, (await FindAsync(old.FreezeId, ct))?.Freeze.Version ?? -1), ct);
        return new(next, current.Key, etag);
    }

    public async Task<ChangeFreeze?> GetVersionAsync(string id, int version, CancellationToken ct) =>
        await store.GetAsync(FreezeKeys.Version(id, version), ct) is { } stored ? FreezeJson.Deserialize(stored.Content, stored.Key) : null;

    /// <summary>
    /// Every freeze, removed ones included. Freezes are few (tens a year), so one listing of freezes/ and a read of
    /// each is cheap enough for every submit and approve; no index is kept.
    /// </summary>
    public async Task<IReadOnlyList<ChangeFreeze>> ListAsync(CancellationToken ct)
    {
        var keys = await store.ListAllKeysAsync(StorageLayout.FreezesPrefix, ct).Where(FreezeKeys.IsCurrent).ToListAsync(ct);
        var read = await Task.WhenAll(keys.Select(k => ReadAsync(k, ct)));
        return [.. read.OfType<StoredFreeze>().Select(s => s.Freeze)];
    }

    private async Task<StoredFreeze?> ReadAsync(string key, CancellationToken ct) =>
        await store.GetAsync(key, ct) is { } stored ? new(FreezeJson.Deserialize(stored.Content, key), key, stored.ETag) : null;
}
