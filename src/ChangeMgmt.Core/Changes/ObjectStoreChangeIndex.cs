using System.Buffers.Text;
using System.Text.Json;
using ChangeMgmt.Core.Errors;
using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Core.Changes;

/// <summary>
/// The change index as objects beside the changes, written without contention. Every write of a change
/// adds one entry, <c>index/changes/{yyyy-MM}/{changeId}.v{version}.json</c> (the month of creation):
/// a key of its own, so concurrent writers never compete for an object and a write costs the same
/// whatever the history. A compaction folds a month's entries into <c>index/changes/{yyyy-MM}.json</c>
/// (If-Match: of two compactions one wins, the other simply stops) and removes them; readers merge
/// both, the highest version of a change winning. A query or the statistics read only index objects —
/// a few a year, plus entries not yet compacted — never the changes. The archive stays the source of
/// truth; the index can be rebuilt from it with <see cref="ChangeService.ReindexAsync"/>.
/// </summary>
public sealed class ObjectStoreChangeIndex(IObjectStore store) : IChangeIndex
{
    public const string Prefix = StorageLayout.IndexPrefix + "changes/";

    /// <summary>A reader compacts a month once it holds this many entries (none need ever be compacted for correctness).</summary>
    public int CompactAfter { get; init; } = 50;

    public async Task UpsertAsync(ChangeSummary summary, CancellationToken ct) =>
        await store.PutAsync(ChangeIndexKeys.Entry(summary), JsonSerializer.SerializeToUtf8Bytes(summary, ChangeJson.Options), WriteCondition.None, ct);

    /// <summary>
    /// Matching changes in the query's order, a page at a time. Every month is read (a few objects a
    /// year), so any order is possible; the page token names the last change given (its sort key and
    /// id), so a page continues after it even when changes were added or edited in between.
    /// </summary>
    public async Task<Page<ChangeSummary>> QueryAsync(ChangeQuery query, string? pageToken, CancellationToken ct)
    {
        var pageSize = Math.Clamp(query.PageSize, 1, ChangeQuery.MaxPageSize);
        var sort = query.Sort ?? ChangeSort.Default;
        var after = PageToken.Parse(pageToken, sort);
        var matches = (await ReadAllAsync(ct)).Where(s => s.Matches(query))
            .Where(s => after is null || sort.Compare(sort.KeyOf(s), s.ChangeId, after.Key, after.ChangeId) > 0)
            .Order(sort)
            .Take(pageSize + 1)
            .ToList();
        if (matches.Count <= pageSize) return new(matches, null);
        var last = matches[pageSize - 1];
        return new(matches[..pageSize], new PageToken(sort.ToString(), sort.KeyOf(last), last.ChangeId).Format());
    }

    public async Task<IReadOnlyList<ChangeSummary>> MatchingAsync(ChangeQuery query, CancellationToken ct) =>
        [.. (await ReadAllAsync(ct)).Where(s => s.Matches(query)).Order(query.Sort ?? ChangeSort.Default)];

    /// <summary>Every summary in the index (deleted ones too), the newest version of each change; compacts months with many entries.</summary>
    public async Task<IReadOnlyList<ChangeSummary>> ReadAllAsync(CancellationToken ct)
    {
        var months = await ReadMonthsAsync(ct);
        foreach (var month in months.Where(m => m.Entries.Count >= CompactAfter))
            await TryCompactAsync(month, ct);
        return [.. months.SelectMany(m => m.Merged())];
    }

    /// <summary>Folds every month's entries into its month object; returns how many entries were folded.</summary>
    public async Task<int> CompactAsync(CancellationToken ct)
    {
        var folded = 0;
        foreach (var month in (await ReadMonthsAsync(ct)).Where(m => m.Entries.Count > 0))
            if (await TryCompactAsync(month, ct)) folded += month.Entries.Count;
        return folded;
    }

    /// <summary>Writes the merged month If-Match what was read, then removes the folded entries. False when another compaction won.</summary>
    private async Task<bool> TryCompactAsync(IndexMonth month, CancellationToken ct)
    {
        try
        {
            var content = JsonSerializer.SerializeToUtf8Bytes(month.Merged(), ChangeJson.Options);
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

    /// <summary>
    /// Entries first, then the month objects: an entry that vanished in between was folded by a
    /// compaction that finished before the month object is read, so no summary falls between the two.
    /// </summary>
    private async Task<IReadOnlyList<IndexMonth>> ReadMonthsAsync(CancellationToken ct)
    {
        var keys = await store.ListAllKeysAsync(Prefix, ct).ToListAsync(ct);
        var entries = (await Task.WhenAll(keys.Where(k => !ChangeIndexKeys.IsMonth(k)).Select(k => store.GetAsync(k, ct)))).OfType<StoredObject>().ToList();
        var months = keys.Select(ChangeIndexKeys.MonthOf).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var compacted = await Task.WhenAll(months.Select(m => store.GetAsync(ChangeIndexKeys.Month(m), ct)));
        return [.. months.Select((month, i) => new IndexMonth(month, compacted[i], [.. entries.Where(e => ChangeIndexKeys.MonthOf(e.Key) == month)]))];
    }

    /// <summary>One month of the index: its compacted object (if any) and the entries written since.</summary>
    private sealed record IndexMonth(string Month, StoredObject? Compacted, IReadOnlyList<StoredObject> Entries)
    {
        public IReadOnlyList<ChangeSummary> Merged()
        {
            var compacted = Compacted is null ? [] : JsonSerializer.Deserialize<List<ChangeSummary>>(Compacted.Content, ChangeJson.Options) ?? [];
            var entries = Entries.Select(e => JsonSerializer.Deserialize<ChangeSummary>(e.Content, ChangeJson.Options)).OfType<ChangeSummary>();
            return [.. compacted.Concat(entries)
                .GroupBy(s => s.ChangeId, StringComparer.Ordinal)
                .Select(g => g.MaxBy(s => s.Version)!)
                .OrderBy(s => s.ChangeId, StringComparer.Ordinal)];
        }
    }

    /// <summary>Where a page ends under one sort: the last change's sort key and id (base64url JSON).</summary>
    private sealed record PageToken(string Sort, string? Key, string ChangeId)
    {
        public string Format() => Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(this, ChangeJson.Options));

        public static PageToken? Parse(string? text, ChangeSort sort)
        {
            if (text is null) return null;
            PageToken? token;
            try { token = JsonSerializer.Deserialize<PageToken>(Base64Url.DecodeFromChars(text), ChangeJson.Options); }
            catch (Exception ex) when (ex is FormatException or JsonException) { token = null; }
            if (token?.ChangeId is null)
                throw new ChangeValidationException([new("pageToken", "Not a page token of this list; start again without it.")]);
            return token.Sort == sort.ToString() ? token
                : throw new ChangeValidationException([new("pageToken", $"The token continues a list sorted by {token.Sort}, not {sort}; start again without it.")]);
        }
    }
}
