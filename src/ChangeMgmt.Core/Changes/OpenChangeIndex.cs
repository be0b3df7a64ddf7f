using System.Globalization;
using System.Text.Json;
using ChangeMgmt.Core.Ports;
using ChangeMgmt.Core.Json;

namespace ChangeMgmt.Core.Changes;

/// <summary>
/// The open changes (submitted or approved: the only ones another change can overlap), so an overlap check reads as
/// many objects as there are open changes, whatever the history. Every index write adds a key of its own, so writers
/// never compete: <c>index/open/{changeId}.v{version}.json</c> (the summary) when that version is open, an empty
/// <c>index/open/{changeId}.v{version}.closed-{yyyyMMddHHmmss}</c> (its modification time) when it is not. A reader
/// lists the prefix, takes each change's highest version and reads only the open ones, in parallel; a late write of an
/// older version (a pending write finished again) never reopens a change, since the higher closed version wins. A
/// closing write removes the change's lower versions and <see cref="CompactAsync"/> (the sweep) removes stale versions
/// and closed markers older than <see cref="KeepClosed"/> (pending writes finish within minutes), so the prefix holds
/// about the open changes. A store written before this index is filled from the full index once (<see cref="BuiltKey"/>).
/// </summary>
public sealed class OpenChangeIndex(IObjectStore store)
{
    public const string Prefix = StorageLayout.IndexPrefix + "open/";

    /// <summary>Written once the open index holds every open change (outside its prefix: readers never list it).</summary>
    public const string BuiltKey = StorageLayout.IndexPrefix + "open-built.json";

    /// <summary>How long a closed marker outlives its change's close (far longer than a pending write may wait).</summary>
    public static readonly TimeSpan KeepClosed = TimeSpan.FromDays(1);

    private const string TimeFormat = "yyyyMMddHHmmss";

    public static bool IsOpen(ChangeSummary summary) =>
        summary.DeletedAt is null && summary.Status is ChangeStatus.Submitted or ChangeStatus.Approved;

    /// <summary>
    /// Records the version open or closed. A first version that is not open needs no marker (nothing lower to close),
    /// nor does a draft: no action returns a change to draft, so all its versions were drafts, none was ever open and
    /// no late write of one can open it (a rejected change, once open, is closed by a marker like any other).
    /// </summary>
    public async Task UpsertAsync(ChangeSummary summary, CancellationToken ct)
    {
        if (IsOpen(summary))
            await store.PutAsync(OpenKey(summary), JsonSerializer.SerializeToUtf8Bytes(summary, ChangeJson.Options.TypeInfo<ChangeSummary>()), WriteCondition.None, ct);
        else if (summary.Version > 1 && summary.Status != ChangeStatus.Draft)
        {
            await store.PutAsync(ClosedKey(summary), [], WriteCondition.None, ct);
            await RemoveAsync([.. await ListAsync(Prefix + summary.ChangeId + ".v", ct)], summary.Version, ct);
        }
    }

    /// <summary>The newest version of every open change.</summary>
    public async Task<IReadOnlyList<ChangeSummary>> ReadAsync(CancellationToken ct)
    {
        var newest = (await ListAsync(Prefix, ct)).GroupBy(k => k.ChangeId).Select(g => g.MaxBy(k => k.Version)!).Where(k => k.ClosedAt is null);
        var objects = await Task.WhenAll(newest.Select(k => store.GetAsync(k.Key, ct)));
        return [.. objects.OfType<StoredObject>().Select(o => JsonSerializer.Deserialize(o.Content, ChangeJson.Options.TypeInfo<ChangeSummary>())!)];
    }

    /// <summary>Removes versions under a change's newest and closed markers older than <see cref="KeepClosed"/>; returns how many keys.</summary>
    public async Task<int> CompactAsync(DateTimeOffset now, CancellationToken ct)
    {
        var removed = 0;
        foreach (var change in (await ListAsync(Prefix, ct)).GroupBy(k => k.ChangeId))
        {
            var newest = change.MaxBy(k => k.Version)!;
            var below = newest.ClosedAt < now - KeepClosed ? newest.Version + 1 : newest.Version;
            removed += await RemoveAsync([.. change], below, ct);
        }
        return removed;
    }

    /// <summary>Fills the open index from the full index when it was never built (a store written before it); once per store.</summary>
    public async Task BuildIfNeededAsync(Func<CancellationToken, Task<IReadOnlyList<ChangeSummary>>> readAll, CancellationToken ct)
    {
        if (await store.GetAsync(BuiltKey, ct) is not null) return;
        await Task.WhenAll((await readAll(ct)).Where(IsOpen).Select(s => UpsertAsync(s, ct)));
        await store.PutAsync(BuiltKey, "{}"u8.ToArray(), WriteCondition.None, ct);
    }

    private async Task<int> RemoveAsync(IReadOnlyList<OpenKey> keys, int below, CancellationToken ct)
    {
        var stale = keys.Where(k => k.Version < below).ToList();
        await Task.WhenAll(stale.Select(k => store.DeleteAsync(k.Key, ct)));
        return stale.Count;
    }

    private async Task<IReadOnlyList<OpenKey>> ListAsync(string prefix, CancellationToken ct) =>
        [.. (await store.ListAllKeysAsync(prefix, ct).ToListAsync(ct)).Select(Changes.OpenKey.Parse).OfType<OpenKey>()];

    private static string OpenKey(ChangeSummary summary) => $"{VersionKey(summary)}.json";

    private static string ClosedKey(ChangeSummary summary) =>
        $"{VersionKey(summary)}.closed-{(summary.ModifiedAt ?? DateTimeOffset.UnixEpoch).UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture)}";

    private static string VersionKey(ChangeSummary summary) =>
        $"{Prefix}{summary.ChangeId}.v{summary.Version.ToString(CultureInfo.InvariantCulture)}";

    internal static DateTimeOffset? ParseTime(string text) =>
        DateTime.TryParseExact(text, TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var t)
            ? new DateTimeOffset(t, TimeSpan.Zero) : null;
}
