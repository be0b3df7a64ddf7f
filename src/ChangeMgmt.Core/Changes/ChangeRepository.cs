using ChangeMgmt.Core.Errors;
using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Core.Changes;

/// <summary>A change as stored, with the ETag that guards the next write.</summary>
public sealed record StoredChange(Change Change, string Key, string ETag);

/// <summary>
/// Where a change lives: drafts under drafts/, everything else under archive/ (the source of truth).
/// Leaving draft is a move: the draft object is first overwritten (If-Match) with the new state so
/// no concurrent draft edit can win afterwards, then archive/ is created (If-None-Match), then the draft
/// is deleted. A reader that finds a non-draft under drafts/ finishes an interrupted move.
/// </summary>
internal sealed class ChangeRepository(IObjectStore store)
{
    public async Task<StoredChange?> FindAsync(string changeId, CancellationToken ct)
    {
        if (await ReadAsync(StorageLayout.Archive(changeId), ct) is { } archived) return archived;
        var draft = await ReadAsync(StorageLayout.Draft(changeId), ct);
        if (draft is null || draft.Change.Status == ChangeStatus.Draft) return draft;
        return await FinishMoveAsync(draft, ct);
    }

    public async Task<StoredChange> CreateDraftAsync(Change change, CancellationToken ct)
    {
        var key = StorageLayout.Draft(change.ChangeId);
        var etag = await store.PutAsync(key, ChangeJson.Serialize(change), WriteCondition.MustNotExist, ct);
        return new(change, key, etag);
    }

    /// <summary>Replaces <paramref name="current"/> with <paramref name="next"/>, keeping the old version under versions/.</summary>
    public async Task<StoredChange> ReplaceAsync(StoredChange current, Change next, CancellationToken ct)
    {
        var old = current.Change;
        await store.PutAsync(StorageLayout.Version(old.ChangeId, old.Version), ChangeJson.Serialize(old), WriteCondition.None, ct);
        var etag = await PutGuardedAsync(current, next, ct);
        var written = new StoredChange(next, current.Key, etag);
        return current.Key.StartsWith(StorageLayout.DraftsPrefix, StringComparison.Ordinal) && next.Status != ChangeStatus.Draft
            ? await FinishMoveAsync(written, ct)
            : written;
    }

    public async Task<Change?> GetVersionAsync(string changeId, int version, CancellationToken ct)
    {
        var stored = await store.GetAsync(StorageLayout.Version(changeId, version), ct);
        return stored is null ? null : ChangeJson.Deserialize(stored.Content, stored.Key);
    }

    private async Task<string> PutGuardedAsync(StoredChange current, Change next, CancellationToken ct)
    {
        try
        {
            return await store.PutAsync(current.Key, ChangeJson.Serialize(next), WriteCondition.MustMatch(current.ETag), ct);
        }
        catch (ConcurrencyConflictException)
        {
            var now = await FindAsync(current.Change.ChangeId, ct);
            throw new ChangeVersionConflictException(current.Change.ChangeId, current.Change.Version, now?.Change.Version ?? -1);
        }
    }

    private async Task<StoredChange> FinishMoveAsync(StoredChange draft, CancellationToken ct)
    {
        var key = StorageLayout.Archive(draft.Change.ChangeId);
        await DraftMove.FinishAsync(store, draft.Key, key, ChangeJson.Serialize(draft.Change), ct);
        return await ReadAsync(key, ct) ?? throw new InvalidOperationException($"{key} vanished right after it was written.");
    }

    private async Task<StoredChange?> ReadAsync(string key, CancellationToken ct)
    {
        var stored = await store.GetAsync(key, ct);
        return stored is null ? null : new(ChangeJson.Deserialize(stored.Content, key), key, stored.ETag);
    }
}
