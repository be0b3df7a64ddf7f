using System.Globalization;
using System.Text.Json;
using ChangeMgmt.Core.Errors;
using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Core.Changes;

/// <summary>
/// The change index as objects beside the changes: one <c>index/changes/{yyyy-MM}.json</c> per month
/// of creation, holding that month's summaries. A change stays in the month it was created, so an
/// upsert touches one small object, guarded by If-Match (retried on conflict) and by version (an
/// older summary never replaces a newer one). A query reads the month objects newest first — a few
/// objects a year — never the changes themselves. The archive stays the source of truth; the index
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

    public async Task<Page<ChangeSummary>> QueryAsync(ChangeQuery query, string? pageToken, CancellationToken ct)
    {
        var pageSize = Math.Clamp(query.PageSize, 1, ChangeQuery.MaxPageSize);
        var (startMonth, skip) = ParseToken(pageToken);
        var months = (await AllMonthKeysAsync(ct)).OrderDescending(StringComparer.Ordinal)
            .Where(m => startMonth is null || string.CompareOrdinal(m, startMonth) <= 0);
        var page = new List<ChangeSummary>();
        foreach (var month in months)
        {
            var matches = (await ReadMonthAsync(month, ct)).Where(s => s.Matches(query))
                .OrderByDescending(s => s.CreatedAt).ThenByDescending(s => s.ChangeId, StringComparer.Ordinal).ToList();
            var offset = month == startMonth ? skip : 0;
            var taken = matches.Skip(offset).Take(pageSize - page.Count).ToList();
            page.AddRange(taken);
            if (page.Count == pageSize)
            {
                var next = offset + taken.Count < matches.Count ? Token(month, offset + taken.Count) : NextMonthToken(month, months);
                return new(page, next);
            }
        }
        return new(page, null);
    }

    private static string? NextMonthToken(string month, IEnumerable<string> months) =>
        months.FirstOrDefault(m => string.CompareOrdinal(m, month) < 0) is { } older ? Token(older, 0) : null;

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

    private static string Token(string month, int offset) => $"{month}|{offset}";

    private static (string? Month, int Skip) ParseToken(string? token)
    {
        if (token is null) return (null, 0);
        var parts = token.Split('|');
        return parts.Length == 2 && parts[0].StartsWith(Prefix, StringComparison.Ordinal) && int.TryParse(parts[1], out var skip) && skip >= 0
            ? (parts[0], skip)
            : throw new ChangeValidationException([new("pageToken", "Not a page token of this list; start again without it.")]);
    }
}
