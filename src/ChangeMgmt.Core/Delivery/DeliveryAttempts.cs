using System.Text.Json;
using ChangeMgmt.Core.Changes;
using ChangeMgmt.Core.Ports;
using ChangeMgmt.Core.Json;

namespace ChangeMgmt.Core.Delivery;

/// <summary>
/// The last failed attempt at a customer's notifications of a change: which receive of the queue
/// message it was, of how many the queue allows before it dead-letters the message, and why it failed.
/// </summary>
public sealed record DeliveryAttempt(string CustomerCode, string ChangeId, int? Version, int Attempt, int? MaxAttempts, string Reason, string MessageId, DateTimeOffset At)
{
    /// <summary>The last receive the queue allows: after it the message is in the dead-letter queue.</summary>
    public bool Exhausted => MaxAttempts is { } max && Attempt >= max;

    /// <summary>"retrying, attempt 3 of 5: reason", or, after the last one, where the message went.</summary>
    public string Text => Exhausted
        ? $"failed, attempt {Attempt} of {MaxAttempts} (the last; the message is dead-lettered): {Reason}"
        : $"retrying, attempt {Attempt}{(MaxAttempts is { } max ? $" of {max}" : "")}: {Reason}";
}

/// <summary>
/// Failed attempts, one object per change and customer, <c>delivery-attempts/{changeId}/{customer}.json</c>,
/// in the change bucket (S3 on AWS, the local database locally): written on every failed attempt,
/// removed when an attempt succeeds. Read by the delivery status.
/// </summary>
public static class DeliveryAttempts
{
    public const string Prefix = StorageLayout.DeliveryAttemptsPrefix;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { TypeInfoResolver = DeliveryJsonContext.Default };

    public static string Key(string changeId, string customerCode) => $"{Prefix}{changeId}/{customerCode}.json";

    public static Task RecordAsync(IObjectStore store, DeliveryAttempt attempt, CancellationToken ct) =>
        store.PutAsync(Key(attempt.ChangeId, attempt.CustomerCode), JsonSerializer.SerializeToUtf8Bytes(attempt, Json.TypeInfo<DeliveryAttempt>()), WriteCondition.None, ct);

    /// <summary>Removes the record if there is one (a read first: most successes have none to remove).</summary>
    public static async Task ClearAsync(IObjectStore store, string changeId, string customerCode, CancellationToken ct)
    {
        if (await store.GetAsync(Key(changeId, customerCode), ct) is not null)
            await store.DeleteAsync(Key(changeId, customerCode), ct);
    }

    public static async Task<DeliveryAttempt?> FindAsync(IObjectStore store, string changeId, string customerCode, CancellationToken ct)
    {
        if (await store.GetAsync(Key(changeId, customerCode), ct) is not { } stored) return null;
        try { return JsonSerializer.Deserialize(stored.Content, Json.TypeInfo<DeliveryAttempt>()); }
        catch (JsonException) { return null; }
    }
}
