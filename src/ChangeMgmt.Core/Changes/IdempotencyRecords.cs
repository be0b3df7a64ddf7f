using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ChangeMgmt.Core.Errors;
using ChangeMgmt.Core.Ports;
using ChangeMgmt.Core.Json;

namespace ChangeMgmt.Core.Changes;

/// <summary>What a create with an Idempotency-Key made: the request body's hash and the change it created.</summary>
public sealed record IdempotencyRecord(string BodyHash, string ChangeId, DateTimeOffset CreatedAt);

/// <summary>The key was used before with another body.</summary>
public sealed class IdempotencyKeyReusedException(string changeId)
    : Exception($"This Idempotency-Key created {changeId} from a different body; use a new key for a new change.")
{
    public string ChangeId { get; } = changeId;
}

/// <summary>
/// Idempotency keys, kept durably beside the changes: <c>idempotency/{sha256(key)}.json</c>, created
/// with If-None-Match so that of two requests with one key exactly one reserves a change id.
/// </summary>
public static class IdempotencyRecords
{
    public const string Prefix = StorageLayout.IdempotencyPrefix;
    public const int MaxKeyLength = 255;

    public static string Key(string idempotencyKey) => $"{Prefix}{Sha256(idempotencyKey)}.json";

    /// <summary>The body as the service reads it, so formatting differences do not count as another body.</summary>
    public static string BodyHash(Change input) => Convert.ToHexStringLower(SHA256.HashData(ChangeJson.Serialize(input)));

    public static async Task<IdempotencyRecord?> FindAsync(IObjectStore store, string idempotencyKey, CancellationToken ct) =>
        await store.GetAsync(Key(idempotencyKey), ct) is { } stored
            ? JsonSerializer.Deserialize(stored.Content, ChangeJson.Options.TypeInfo<IdempotencyRecord>())
            : null;

    /// <summary>Reserves the key for <paramref name="record"/>; false when another request holds it already.</summary>
    public static async Task<bool> TryReserveAsync(IObjectStore store, string idempotencyKey, IdempotencyRecord record, CancellationToken ct)
    {
        try
        {
            await store.PutAsync(Key(idempotencyKey), JsonSerializer.SerializeToUtf8Bytes(record, ChangeJson.Options.TypeInfo<IdempotencyRecord>()), WriteCondition.MustNotExist, ct);
            return true;
        }
        catch (ConcurrencyConflictException)
        {
            return false;
        }
    }

    private static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
