using System.Text.Json;
using ChangeMgmt.Core.Ports;
using ChangeMgmt.Core.Json;

namespace ChangeMgmt.Core.Changes;

/// <summary>
/// Moves a store from the index by month of creation (<c>index/changes/</c>, before release 25) to the index by month
/// of last modification (<see cref="ObjectStoreChangeIndex.Prefix"/>): when the old index holds anything and the
/// migration has not been recorded, its summaries (month objects and entries, the newest version of each change) are
/// folded into the new months, one conditional write per month, then <see cref="DoneKey"/> is written. It reads a few
/// objects a year rather than every change, so it finishes within one sweep; one cut short is run again whole (folding
/// a summary twice changes nothing). A store that never had the old index records the migration at once.
/// <see cref="ChangeService.ReindexAsync"/> still rebuilds the index from the archive.
/// </summary>
public static class ChangeIndexMigration
{
    public const string LegacyPrefix = StorageLayout.IndexPrefix + "changes/";

    /// <summary>Written once the index by month of last modification holds every change (outside its prefix: readers never see it).</summary>
    public const string DoneKey = StorageLayout.IndexPrefix + "modified-migrated.json";

    /// <summary>Migrates the store when it still needs it; returns how many changes were moved.</summary>
    public static async Task<int> RunIfNeededAsync(IObjectStore store, ObjectStoreChangeIndex index, CancellationToken ct)
    {
        if (await store.GetAsync(DoneKey, ct) is not null) return 0;
        var summaries = await ReadLegacyAsync(store, ct);
        foreach (var month in summaries.GroupBy(s => ChangeIndexKeys.MonthOf(s.ModifiedAt ?? s.CreatedAt ?? DateTimeOffset.UnixEpoch)))
            await index.AddToMonthAsync(month.Key, [.. month], ct);
        await store.PutAsync(DoneKey, "{}"u8.ToArray(), WriteCondition.None, ct);
        return summaries.Count;
    }

    /// <summary>The newest version of every change in the old index (a month object holds a list, an entry one summary).</summary>
    private static async Task<IReadOnlyList<ChangeSummary>> ReadLegacyAsync(IObjectStore store, CancellationToken ct)
    {
        var keys = await store.ListAllKeysAsync(LegacyPrefix, ct).Where(k => k.EndsWith(".json", StringComparison.Ordinal)).ToListAsync(ct);
        var objects = (await Task.WhenAll(keys.Select(k => store.GetAsync(k, ct)))).OfType<StoredObject>();
        var summaries = objects.SelectMany(o => o.Content.AsSpan().TrimStart(" \t\r\n"u8).StartsWith("["u8)
            ? JsonSerializer.Deserialize(o.Content, ChangeJson.Options.TypeInfo<List<ChangeSummary>>()) ?? []
            : [JsonSerializer.Deserialize(o.Content, ChangeJson.Options.TypeInfo<ChangeSummary>())!]);
        return [.. ChangeIndexMonth.Newest(summaries)];
    }
}
