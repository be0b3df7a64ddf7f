using System.Text.Json;
using ChangeMgmt.Core.Ports;
using ChangeMgmt.Core.Json;

namespace ChangeMgmt.Core.Changes;

/// <summary>A customer's trigger that could not be written, kept until a retry writes it.</summary>
public sealed record TriggerFailure(string ChangeId, string CustomerCode, int Version, string Error, DateTimeOffset At, int Attempts, DateTimeOffset NextAttemptAt);

/// <summary>
/// The durable list of failed trigger writes: <c>triggers-failed/{changeId}/{customer}.json</c>.
/// Written when a trigger write fails after its quick retries, removed once a write succeeds;
/// retried later with a growing delay (<see cref="ChangeService.RetryFailedTriggersAsync"/>).
/// </summary>
public static class TriggerFailures
{
    public const string Prefix = StorageLayout.TriggerFailuresPrefix;
    public static readonly TimeSpan FirstDelay = TimeSpan.FromSeconds(2);
    public static readonly TimeSpan MaxDelay = TimeSpan.FromMinutes(10);

    public static string Key(string changeId, string customerCode) => $"{Prefix}{changeId}/{customerCode}.json";

    public static TimeSpan DelayAfter(int attempts) =>
        TimeSpan.FromTicks(Math.Min(MaxDelay.Ticks, FirstDelay.Ticks << Math.Min(attempts - 1, 20)));

    public static async Task<TriggerFailure?> FindAsync(IObjectStore store, string changeId, string customerCode, CancellationToken ct) =>
        await store.GetAsync(Key(changeId, customerCode), ct) is { } stored ? Read(stored) : null;

    public static async Task<IReadOnlyList<TriggerFailure>> ListAsync(IObjectStore store, CancellationToken ct)
    {
        var failures = new List<TriggerFailure>();
        await foreach (var key in store.ListAllKeysAsync(Prefix, ct))
            if (await store.GetAsync(key, ct) is { } stored && Read(stored) is { } failure) failures.Add(failure);
        return failures;
    }

    public static Task RecordAsync(IObjectStore store, TriggerFailure failure, CancellationToken ct) =>
        store.PutAsync(Key(failure.ChangeId, failure.CustomerCode), JsonSerializer.SerializeToUtf8Bytes(failure, ChangeJson.Options.TypeInfo<TriggerFailure>()), WriteCondition.None, ct);

    public static Task ClearAsync(IObjectStore store, string changeId, string customerCode, CancellationToken ct) =>
        store.DeleteAsync(Key(changeId, customerCode), ct);

    private static TriggerFailure? Read(StoredObject stored)
    {
        try { return JsonSerializer.Deserialize(stored.Content, ChangeJson.Options.TypeInfo<TriggerFailure>()); }
        catch (JsonException) { return null; }
    }
}
