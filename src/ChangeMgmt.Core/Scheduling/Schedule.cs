using System.Globalization;
using System.Text.Json;
using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Core.Scheduling;

/// <summary>
/// Work to do at a time, kept in the bucket as <c>schedule/{due:yyyyMMddTHHmmssZ}/{kind}/{id}.v{n}.json</c>. Keys sort
/// by due time, so the due items are the first keys of one listing, read until the first that is not due: the
/// sweep never scans what lies ahead. Items are removed once done, so the listing holds only what is pending.
/// A sweep (local: a timer in the server; AWS: an EventBridge schedule invoking the delivery function) runs
/// <see cref="DueAsync"/> and the owners' handlers; an item is removed only after its handler finished, so a sweep
/// that dies repeats it: handlers must be idempotent.
/// </summary>
public sealed class Schedule(IObjectStore store)
{
    public const string Prefix = Changes.StorageLayout.SchedulePrefix;
    private const string TimeFormat = "yyyyMMdd'T'HHmmss'Z'";

    public async Task AddAsync(ScheduledItem item, CancellationToken ct) =>
        await store.PutAsync(Key(item), JsonSerializer.SerializeToUtf8Bytes(item, ScheduleJsonContext.Default.ScheduledItem), WriteCondition.None, ct);

    public Task RemoveAsync(ScheduledItem item, CancellationToken ct) => store.DeleteAsync(Key(item), ct);

    /// <summary>The items due at <paramref name="now"/>, earliest first.</summary>
    public async IAsyncEnumerable<ScheduledItem> DueAsync(DateTimeOffset now, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        await foreach (var key in store.ListAllKeysAsync(Prefix, ct))
        {
            if (TryParse(key) is not { } item) continue;
            if (item.Due > now) yield break;
            yield return item;
        }
    }

    /// <summary>
    /// The items due at <paramref name="now"/>, earliest first, from one listing: a sweep hands it to every owner of
    /// items (each takes its own kinds), so it lists the schedule once however many owners it serves.
    /// </summary>
    public async Task<IReadOnlyList<ScheduledItem>> ListDueAsync(DateTimeOffset now, CancellationToken ct) =>
        await DueAsync(now, ct).ToListAsync(ct);

    public static string Key(ScheduledItem item) =>
        $"{Prefix}{item.Due.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture)}/{item.Kind}/{item.ObjectId}.v{item.Version}.json";

    /// <summary>The item a key names; null for a key this layout did not write (it is skipped, not fatal).</summary>
    public static ScheduledItem? TryParse(string key)
    {
        if (!key.StartsWith(Prefix, StringComparison.Ordinal) || !key.EndsWith(".json", StringComparison.Ordinal)) return null;
        var parts = key[Prefix.Length..^".json".Length].Split('/');
        if (parts.Length != 3) return null;
        if (!DateTimeOffset.TryParseExact(parts[0], TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var due)) return null;
        var dot = parts[2].LastIndexOf(".v", StringComparison.Ordinal);
        if (dot <= 0 || !int.TryParse(parts[2][(dot + 2)..], NumberStyles.None, CultureInfo.InvariantCulture, out var version)) return null;
        return new ScheduledItem(due, parts[1], parts[2][..dot], version);
    }
}
