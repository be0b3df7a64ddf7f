using System.Globalization;
using System.Text.Json;
using ChangeMgmt.Core.Ports;
using ChangeMgmt.Core.Json;

namespace ChangeMgmt.Core.Changes;

/// <summary>A write of a change whose follow-up (the customers' triggers, the index entry) is not yet known to be done.</summary>
/// <param name="Writer">Tells apart two writers of one version (two creates with one idempotency key), so neither removes the other's note.</param>
public sealed record PendingWrite(string ChangeId, int Version, DateTimeOffset At, string Writer);

/// <summary>
/// The write-ahead notes of change writes: <c>pending-writes/{changeId}/v{version}.{writer}.json</c>, written
/// before the change and removed once its triggers and index entry are written. A note that outlives
/// its writer (the process died, the index write failed) is how <see cref="ChangeService.CompletePendingWritesAsync"/>
/// finds a change version that has no triggers or is missing from lists, and finishes it.
/// </summary>
public static class PendingWrites
{
    public const string Prefix = StorageLayout.PendingWritesPrefix;

    public static string Key(PendingWrite write) => $"{Prefix}{write.ChangeId}/v{write.Version.ToString(CultureInfo.InvariantCulture)}.{write.Writer}.json";

    public static string PrefixOf(string changeId) => $"{Prefix}{changeId}/";

    public static Task RecordAsync(IObjectStore store, PendingWrite write, CancellationToken ct) =>
        store.PutAsync(Key(write), JsonSerializer.SerializeToUtf8Bytes(write, ChangeJson.Options.TypeInfo<PendingWrite>()), WriteCondition.None, ct);

    public static Task ClearAsync(IObjectStore store, PendingWrite write, CancellationToken ct) =>
        store.DeleteAsync(Key(write), ct);

    /// <summary>Every note (<paramref name="changeId"/> null) or one change's.</summary>
    public static async Task<IReadOnlyList<PendingWrite>> ListAsync(IObjectStore store, string? changeId, CancellationToken ct)
    {
        var writes = new List<PendingWrite>();
        await foreach (var key in store.ListAllKeysAsync(changeId is null ? Prefix : PrefixOf(changeId), ct))
            if (await store.GetAsync(key, ct) is { } stored && Read(stored) is { } write) writes.Add(write);
        return writes;
    }

    private static PendingWrite? Read(StoredObject stored)
    {
        try { return JsonSerializer.Deserialize(stored.Content, ChangeJson.Options.TypeInfo<PendingWrite>()); }
        catch (JsonException) { return null; }
    }
}
