using System.Buffers.Text;
using System.Globalization;
using System.Text.Json;
using ChangeMgmt.Core.Errors;
using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Core.Changes;

/// <summary>
/// The change index as objects beside the changes: one <c>index/changes/{yyyy-MM}.json</c> per month
/// of creation, holding that month's summaries. A change stays in the month it was created, so an
/// upsert touches one small object, guarded by If-Match (retried on conflict) and by version (an
/// older summary never replaces a newer one). A query or the statistics read the month objects — a
/// few objects a year — never the changes themselves. The archive stays the source of truth; the index
/// can be rebuilt from it with <see cref="ChangeService.ReindexAsync"/>.
/// </summary>
public sealed class ObjectStoreChangeIndex(IObjectStore store) : IChangeIndex
{
    public const string Prefix = "index/changes/";
    private const int ConflictRetries = 20;

    public async Task UpsertAsync(ChangeSummary summary, CancellationToken ct)
    {
        var key = MonthKey(summary.CreatedAt ?? DateTimeOffset.UnixEpoch);
        for (var attempt = 1; ; attempt++)
        {
            var stored = await store.GetAsync(key, ct);
            var items = stored is null ? [] : Read(stored);
            if (items.FirstOrDefault(i => i.ChangeId == summary.ChangeId) is { } existing && existing.Version >= summary.Version)
                return;
            items = [.. items.Where(i => i.ChangeId != summary.ChangeId), summary];
            try
            {
                await store.PutAsync(key, JsonSerializer.SerializeToUtf8Bytes(items, ChangeJson.Options),
                    stored is null ? WriteCondition.MustNotExist : WriteCondition.MustMatch(stored.ETag), ct);
                return;
            }
            catch (ConcurrencyConflictException) when (attempt < ConflictRetries)
            {
                // Another change of the same month was indexed first: read again and merge.
            }
        }
    }

    /// <summary>
    /// Matching changes in the query's order, a page at a time. Every month object is read (a few a
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

    /// <summary>Every summary in the index (deleted ones too), from the month objects only.</summary>
    public async Task<IReadOnlyList<ChangeSummary>> ReadAllAsync(CancellationToken ct)
    {
        var months = await Task.WhenAll((await AllMonthKeysAsync(ct)).Select(month => ReadMonthAsync(month, ct)));
        return [.. months.SelectMany(m => m)];
    }

    private async Task<List<string>> AllMonthKeysAsync(CancellationToken ct)
    {
        var keys = new List<string>();
        string? token = null;
        do
        {
            var page = await store.ListKeysAsync(Prefix, token, ct);
            keys.AddRange(page.Items);
            token = page.NextToken;
        } while (token is not null);
        return keys;
    }

    private async Task<List<ChangeSummary>> ReadMonthAsync(string key, CancellationToken ct) =>
        await store.GetAsync(key, ct) is { } stored ? Read(stored) : [];

    private static List<ChangeSummary> Read(StoredObject stored) =>
        JsonSerializer.Deserialize<List<ChangeSummary>>(stored.Content, ChangeJson.Options) ?? [];

    private static string MonthKey(DateTimeOffset createdAt) =>
        $"{Prefix}{createdAt.UtcDateTime.ToString("yyyy-MM", CultureInfo.InvariantCulture)}.json";

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
