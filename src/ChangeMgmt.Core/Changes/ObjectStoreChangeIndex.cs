using System.Text.Json;
using ChangeMgmt.Core.Errors;
using ChangeMgmt.Core.Ports;
using ChangeMgmt.Core.Json;

namespace ChangeMgmt.Core.Changes;

/// <summary>
/// The change index as objects beside the changes, written without contention. Every write of a change adds one
/// entry, <c>index/modified/{yyyy-MM}/{changeId}.v{version}.json</c> (the month the version was written, its
/// <see cref="ChangeSummary.ModifiedAt"/>): a key of its own, so concurrent writers never compete for an object and a
/// write costs the same whatever the history. A compaction folds a month's entries into
/// <c>index/modified/{yyyy-MM}.json</c> (If-Match: of two compactions one wins, the other simply stops) and removes
/// them; readers merge both, the highest version of a change winning. An edit moves a change to the current month and
/// leaves its older version behind in an older month, so months are disjoint ranges of last modification and a
/// change's newest version is in its newest month: the default list (most recently modified first) reads months
/// newest first and stops once its page is full, keeping for every change the first version it meets. Other orders
/// and exports read every month. A query or the statistics read only index objects, never the changes. The archive
/// stays the source of truth; the index can be rebuilt from it with <see cref="ChangeService.ReindexAsync"/>.
/// </summary>
public sealed class ObjectStoreChangeIndex(IObjectStore store) : IChangeIndex
{
    public const string Prefix = StorageLayout.IndexPrefix + "modified/";

    /// <summary>A reader compacts a month once it holds this many entries (none need ever be compacted for correctness).</summary>
    public int CompactAfter { get; init; } = 50;

    /// <summary>The open changes, written beside every entry (what overlap checks read).</summary>
    public OpenChangeIndex Open { get; } = new(store);

    private volatile bool migrated;
    private volatile bool openBuilt;

    public async Task UpsertAsync(ChangeSummary summary, CancellationToken ct) => await Task.WhenAll(
        store.PutAsync(ChangeIndexKeys.Entry(summary), JsonSerializer.SerializeToUtf8Bytes(summary, ChangeJson.Options.TypeInfo<ChangeSummary>()), WriteCondition.None, ct),
        Open.UpsertAsync(summary, ct));

    /// <summary>The open changes from the open index alone (filled from the whole index once, for a store written before it).</summary>
    public async Task<IReadOnlyList<ChangeSummary>> OpenAsync(CancellationToken ct)
    {
        if (!openBuilt)
        {
            await Open.BuildIfNeededAsync(ReadAllAsync, ct);
            openBuilt = true;
        }
        return await Open.ReadAsync(ct);
    }

    /// <summary>
    /// Matching changes in the query's order, a page at a time. The default order reads months newest first until the
    /// page is full; any other reads every month. The page token names the last change given (its sort key and id),
    /// so a page continues after it even when changes were added or edited in between.
    /// </summary>
    public async Task<Page<ChangeSummary>> QueryAsync(ChangeQuery query, string? pageToken, CancellationToken ct)
    {
        var pageSize = Math.Clamp(query.PageSize, 1, ChangeQuery.MaxPageSize);
        var sort = query.Sort ?? ChangeSort.Default;
        var after = ChangeIndexPageToken.Parse(pageToken, sort);
        await EnsureMigratedAsync(ct);
        bool Wanted(ChangeSummary s) => s.Matches(query) && (after is null || after.Precedes(s, sort));
        var summaries = sort == ChangeSort.Default ? await ReadNewestAsync(Wanted, pageSize + 1, ct) : await ReadAllAsync(ct);
        var matches = summaries.Where(Wanted).Order(sort).Take(pageSize + 1).ToList();
        if (matches.Count <= pageSize) return new(matches, null);
        return new(matches[..pageSize], ChangeIndexPageToken.After(matches[pageSize - 1], sort).Format());
    }

    public async Task<IReadOnlyList<ChangeSummary>> MatchingAsync(ChangeQuery query, CancellationToken ct) =>
        [.. (await ReadAllAsync(ct)).Where(s => s.Matches(query)).Order(query.Sort ?? ChangeSort.Default)];

    /// <summary>Every summary in the index (deleted ones too), the newest version of each change; compacts months with many entries.</summary>
    public async Task<IReadOnlyList<ChangeSummary>> ReadAllAsync(CancellationToken ct)
    {
        await EnsureMigratedAsync(ct);
        var months = await Task.WhenAll((await ListMonthsAsync(ct)).Select(keys => ChangeIndexMonth.ReadAsync(store, keys.Key, keys, ct)));
        await CompactFullAsync(months, ct);
        return [.. ChangeIndexMonth.Newest(months.SelectMany(m => m.Merged()))];
    }

    /// <summary>
    /// The newest version of every change in the newest months, read one month at a time, newest first, until
    /// <paramref name="needed"/> wanted changes with a modification time are found (they sort before any change of an
    /// older month). Every change met is kept, wanted or not, so its older versions in older months never count.
    /// </summary>
    private async Task<IReadOnlyList<ChangeSummary>> ReadNewestAsync(Func<ChangeSummary, bool> wanted, int needed, CancellationToken ct)
    {
        var newest = new Dictionary<string, ChangeSummary>(StringComparer.Ordinal);
        var found = 0;
        foreach (var keys in (await ListMonthsAsync(ct)).OrderByDescending(m => m.Key, StringComparer.Ordinal))
        {
            var month = await ChangeIndexMonth.ReadAsync(store, keys.Key, keys, ct);
            await CompactFullAsync([month], ct);
            foreach (var summary in month.Merged())
                if (newest.TryAdd(summary.ChangeId, summary) && summary.ModifiedAt is not null && wanted(summary)) found++;
            if (found >= needed) break;
        }
        return [.. newest.Values];
    }

    /// <summary>
    /// A store still indexed by month of creation is moved before this reader's first read or sweep (once per
    /// process), so a server started on an old store never answers from an empty index.
    /// </summary>
    internal async Task EnsureMigratedAsync(CancellationToken ct)
    {
        if (migrated) return;
        await ChangeIndexMigration.RunIfNeededAsync(store, this, ct);
        migrated = true;
    }

    /// <summary>Folds every month's entries into its month object; returns how many entries were folded.</summary>
    public async Task<int> CompactAsync(CancellationToken ct)
    {
        var folded = 0;
        foreach (var keys in await ListMonthsAsync(ct))
            if (keys.Any(k => !ChangeIndexKeys.IsMonth(k)) && await ChangeIndexMonth.ReadAsync(store, keys.Key, keys, ct) is { Entries.Count: > 0 } month
                && await TryCompactAsync(month, ct))
                folded += month.Entries.Count;
        return folded;
    }

    /// <summary>Folds <paramref name="summaries"/> (a migration's, all of this month) into the month object with its entries, retried until it wins.</summary>
    internal async Task AddToMonthAsync(string month, IReadOnlyList<ChangeSummary> summaries, CancellationToken ct)
    {
        while (true)
        {
            var keys = await store.ListAllKeysAsync(Prefix + month, ct).Where(k => ChangeIndexKeys.MonthOf(k) == month).ToListAsync(ct);
            if (await TryCompactAsync(await ChangeIndexMonth.ReadAsync(store, month, keys, ct) with { Added = summaries }, ct)) return;
        }
    }

    /// <summary>The index's keys by month (one listing).</summary>
    private async Task<IReadOnlyList<IGrouping<string, string>>> ListMonthsAsync(CancellationToken ct) =>
        [.. (await store.ListAllKeysAsync(Prefix, ct).ToListAsync(ct)).Where(k => ChangeIndexKeys.MonthOf(k) is not null).GroupBy(k => ChangeIndexKeys.MonthOf(k)!, StringComparer.Ordinal)];

    private async Task CompactFullAsync(IEnumerable<ChangeIndexMonth> months, CancellationToken ct)
    {
        foreach (var month in months.Where(m => m.Entries.Count >= CompactAfter))
            await TryCompactAsync(month, ct);
    }

    /// <summary>Writes the merged month If-Match what was read, then removes the folded entries. False when another compaction won.</summary>
    private async Task<bool> TryCompactAsync(ChangeIndexMonth month, CancellationToken ct)
    {
        try
        {
            var content = JsonSerializer.SerializeToUtf8Bytes(month.Merged(), ChangeJson.Options.TypeInfo<IReadOnlyList<ChangeSummary>>());
            await store.PutAsync(ChangeIndexKeys.Month(month.Month), content,
                month.Compacted is null ? WriteCondition.MustNotExist : WriteCondition.MustMatch(month.Compacted.ETag), ct);
        }
        catch (ConcurrencyConflictException)
        {
            return false;
        }
        // Removing an entry twice, or one a reader still merges, changes nothing: the month object holds it.
        await Task.WhenAll(month.Entries.Select(e => store.DeleteAsync(e.Key, ct)));
        return true;
    }
}
