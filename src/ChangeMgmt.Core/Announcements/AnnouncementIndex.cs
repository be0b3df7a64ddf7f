using System.Globalization;
using System.Text.Json;
using ChangeMgmt.Core.Changes;
using ChangeMgmt.Core.Ports;
using ChangeMgmt.Core.Json;

namespace ChangeMgmt.Core.Announcements;

/// <summary>
/// The announcement index, beside the change index and written the same way: every write adds one entry,
/// <c>index/announcements/{yyyy-MM}/{id}.v{version}.json</c> (month of creation), a key of its own so writers never
/// compete; a reader merges them, the highest version of each announcement winning. A list reads only these
/// entries, never the announcements. Announcements are few next to changes, so entries are not yet folded into
/// month objects as the change index's are; the archive stays the source of truth (<see cref="AnnouncementService.ReindexAsync"/>).
/// </summary>
public sealed class AnnouncementIndex(IObjectStore store)
{
    public const string Prefix = StorageLayout.IndexPrefix + "announcements/";

    public static string Entry(AnnouncementSummary summary) =>
        $"{Prefix}{summary.Month}/{summary.AnnouncementId}.v{summary.Version.ToString(CultureInfo.InvariantCulture)}.json";

    public async Task UpsertAsync(AnnouncementSummary summary, CancellationToken ct) =>
        await store.PutAsync(Entry(summary), JsonSerializer.SerializeToUtf8Bytes(summary, ChangeJson.Options.TypeInfo<AnnouncementSummary>()), WriteCondition.None, ct);

    /// <summary>Matching announcements, newest first, a page at a time; the token names the last one given, so a page continues after it.</summary>
    public async Task<Page<AnnouncementSummary>> QueryAsync(AnnouncementQuery query, string? pageToken, CancellationToken ct)
    {
        var pageSize = Math.Clamp(query.PageSize, 1, AnnouncementQuery.MaxPageSize);
        var after = AnnouncementPageToken.Parse(pageToken);
        var matches = (await ReadAllAsync(ct)).Where(s => s.Matches(query))
            .OrderByDescending(AnnouncementPageToken.Of)
            .Where(s => after is null || AnnouncementPageToken.Of(s).CompareTo(after) < 0)
            .Take(pageSize + 1)
            .ToList();
        return matches.Count <= pageSize
            ? new(matches, null)
            : new(matches[..pageSize], AnnouncementPageToken.Of(matches[pageSize - 1]).Format());
    }

    /// <summary>Every announcement's newest summary (deleted ones too).</summary>
    public async Task<IReadOnlyList<AnnouncementSummary>> ReadAllAsync(CancellationToken ct)
    {
        var keys = await store.ListAllKeysAsync(Prefix, ct).ToListAsync(ct);
        var entries = await Task.WhenAll(keys.Select(k => store.GetAsync(k, ct)));
        return [.. entries.OfType<StoredObject>()
            .Select(e => JsonSerializer.Deserialize(e.Content, ChangeJson.Options.TypeInfo<AnnouncementSummary>()))
            .OfType<AnnouncementSummary>()
            .GroupBy(s => s.AnnouncementId, StringComparer.Ordinal)
            .Select(g => g.MaxBy(s => s.Version)!)];
    }
}
