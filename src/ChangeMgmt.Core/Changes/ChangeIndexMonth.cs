using System.Text.Json;
using ChangeMgmt.Core.Ports;
using ChangeMgmt.Core.Json;

namespace ChangeMgmt.Core.Changes;

/// <summary>
/// One month of the change index as read: its compacted object (if any) and the entries written since — and, when a
/// migration moves summaries into the month, those (<see cref="Added"/>).
/// </summary>
internal sealed record ChangeIndexMonth(string Month, StoredObject? Compacted, IReadOnlyList<StoredObject> Entries)
{
    public IReadOnlyList<ChangeSummary> Added { get; init; } = [];

    /// <summary>
    /// The month's keys (listed) read: entries first, then the month object — an entry that vanished in between was
    /// folded by a compaction that finished before the month object is read, so no summary falls between the two.
    /// </summary>
    public static async Task<ChangeIndexMonth> ReadAsync(IObjectStore store, string month, IEnumerable<string> keys, CancellationToken ct)
    {
        var entries = await Task.WhenAll(keys.Where(k => !ChangeIndexKeys.IsMonth(k)).Select(k => store.GetAsync(k, ct)));
        return new(month, await store.GetAsync(ChangeIndexKeys.Month(month), ct), [.. entries.OfType<StoredObject>()]);
    }

    /// <summary>The newest version of each change the month holds, by id.</summary>
    public IReadOnlyList<ChangeSummary> Merged()
    {
        var compacted = Compacted is null ? [] : JsonSerializer.Deserialize(Compacted.Content, ChangeJson.Options.TypeInfo<List<ChangeSummary>>()) ?? [];
        var entries = Entries.Select(e => JsonSerializer.Deserialize(e.Content, ChangeJson.Options.TypeInfo<ChangeSummary>())).OfType<ChangeSummary>();
        return [.. Newest(compacted.Concat(entries).Concat(Added)).OrderBy(s => s.ChangeId, StringComparer.Ordinal)];
    }

    /// <summary>The highest version of each change among <paramref name="summaries"/>.</summary>
    public static IEnumerable<ChangeSummary> Newest(IEnumerable<ChangeSummary> summaries) =>
        summaries.GroupBy(s => s.ChangeId, StringComparer.Ordinal).Select(g => g.MaxBy(s => s.Version)!);
}
