using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Core.Changes;

public sealed record CustomerTriggerResult(string CustomerCode, bool Written, string? Error);

/// <summary>An object as its customers' triggers carry it: id, version, the stored JSON, and whose triggers it writes.</summary>
public sealed record TriggeredObject(string Id, int Version, byte[] Content, IReadOnlyCollection<string> Targets);

/// <summary>
/// The customers' triggers (<c>customers/{code}/{changeId}.json</c>): each write notifies that customer's
/// queue. One customer's failure never blocks another's; a lasting failure is noted under
/// <see cref="TriggerFailures"/> and retried later with a growing delay, a success clears the note.
/// </summary>
internal sealed class CustomerTriggers(IObjectStore store, TimeProvider time)
{

    /// <summary>
    /// Whose trigger a version writes: its customers once it has left draft (nothing is sent for a rejected
    /// change either), and the customers this very version removed after they were told (their cancellation).
    /// </summary>
    public static IEnumerable<string> Targets(Change change) =>
        change.DeletedAt is not null ? []
            : (change.Status is ChangeStatus.Draft or ChangeStatus.Rejected ? [] : change.Customers)
                .Concat((change.Withdrawals ?? []).Where(w => w.Version == change.Version).Select(w => w.CustomerCode))
                .Distinct(StringComparer.Ordinal);

    /// <summary>Every target's trigger for <paramref name="item"/>, in parallel.</summary>
    public Task<CustomerTriggerResult[]> WriteAllAsync(TriggeredObject item, CancellationToken ct) =>
        Task.WhenAll(item.Targets.Distinct(StringComparer.Ordinal).Select(code => WriteAsync(code, item.Id, item.Version, item.Content, 0, ct)));

    /// <summary>The named customers' triggers, continuing the attempt count of an earlier failure.</summary>
    public Task<CustomerTriggerResult[]> WriteAsync(TriggeredObject item, IEnumerable<string> customers, CancellationToken ct) =>
        Task.WhenAll(customers.Select(async code =>
            await WriteAsync(code, item.Id, item.Version, item.Content, (await TriggerFailures.FindAsync(store, item.Id, code, ct))?.Attempts ?? 0, ct)));

    /// <summary>The targets whose trigger does not hold <paramref name="item"/>'s version (read from the trigger's <c>version</c>, which both kinds write).</summary>
    public async Task<IReadOnlyList<string>> MissingAsync(TriggeredObject item, CancellationToken ct)
    {
        var targets = item.Targets.ToList();
        var versions = await Task.WhenAll(targets.Select(async code =>
            await store.GetAsync(StorageLayout.CustomerTrigger(code, item.Id), ct) is { } stored ? VersionOf(stored.Content) : 0));
        return [.. targets.Where((_, i) => versions[i] != item.Version)];
    }

    private static int VersionOf(byte[] json)
    {
        try
        {
            using var document = System.Text.Json.JsonDocument.Parse(json);
            return document.RootElement.TryGetProperty("version", out var v) && v.TryGetInt32(out var version) ? version : 0;
        }
        catch (System.Text.Json.JsonException)
        {
            return 0;   // unreadable: written again
        }
    }

    /// <summary>
    /// Retries the failed trigger writes that are due and belong to the caller's kind (<paramref name="owns"/>: changes
    /// and announcements share triggers-failed/); returns how many were written. A failure whose object is gone or no
    /// longer targets the customer is cleared.
    /// </summary>
    public async Task<int> RetryFailedAsync(Func<string, bool> owns, Func<string, CancellationToken, Task<TriggeredObject?>> current, CancellationToken ct)
    {
        var written = 0;
        foreach (var failure in await TriggerFailures.ListAsync(store, ct))
        {
            if (failure.NextAttemptAt > time.GetUtcNow() || !owns(failure.ChangeId)) continue;
            var item = await current(failure.ChangeId, ct);
            if (item is null || !item.Targets.Contains(failure.CustomerCode))
            {
                await TriggerFailures.ClearAsync(store, failure.ChangeId, failure.CustomerCode, ct);
                continue;
            }
            if ((await WriteAsync(failure.CustomerCode, item.Id, item.Version, item.Content, failure.Attempts, ct)).Written) written++;
        }
        return written;
    }

    /// <summary>A change as its triggers carry it.</summary>
    public static TriggeredObject Of(Change change) => new(change.ChangeId, change.Version, ChangeJson.Serialize(change), [.. Targets(change)]);

    /// <summary>
    /// Writes one trigger; a failure (the store already retried what is retryable) is recorded for a later retry, a
    /// success clears an earlier one.
    /// </summary>
    private async Task<CustomerTriggerResult> WriteAsync(string code, string objectId, int version, byte[] content, int earlierAttempts, CancellationToken ct)
    {
        try
        {
            await store.PutAsync(StorageLayout.CustomerTrigger(code, objectId), content, WriteCondition.None, ct);
            if (earlierAttempts > 0) await TriggerFailures.ClearAsync(store, objectId, code, ct);
            return new(code, true, null);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await RecordFailureAsync(code, objectId, version, ex.Message, earlierAttempts + 1, ct);
            return new(code, false, ex.Message);
        }
    }

    private async Task RecordFailureAsync(string code, string objectId, int version, string error, int attempts, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        try
        {
            await TriggerFailures.RecordAsync(store, new(objectId, code, version, error, now, attempts, now + TriggerFailures.DelayAfter(attempts)), ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The store refuses even the note; the caller still gets the failure in its results, and the
            // change's pending-write note stays, so the trigger is written when that note is completed.
        }
    }
}
