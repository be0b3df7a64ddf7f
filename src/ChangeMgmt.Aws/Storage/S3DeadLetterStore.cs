using System.Text.Json;
using ChangeMgmt.Core.Json;
using ChangeMgmt.Core.Changes;
using ChangeMgmt.Core.Delivery;
using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Aws.Storage;

/// <summary>
/// Dead letters as objects in the change bucket, one per message, at <see cref="StorageLayout.DeadLetter"/>:
/// <c>dead-letters/{customer or _unknown}/{changeId}/{messageId}.json</c> (no change segment when the letter names
/// no change) holding <c>{customerCode, messageId, body, reason, at}</c>. Keeping the same message again overwrites it.
/// Letters kept before the change segment existed (<c>dead-letters/{customer}/{messageId}.json</c>) are still listed
/// for their customer and removed, but not found by <see cref="ListForChangeAsync"/>.
/// </summary>
public sealed class S3DeadLetterStore(IObjectStore store) : IDeadLetterStore
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { TypeInfoResolver = AwsJsonContext.Default };

    public S3DeadLetterStore(AwsSettings settings, string bucketName)
        : this(new S3ObjectStore(settings, bucketName))
    {
    }

    public static string KeyOf(DeadLetter letter) =>
        StorageLayout.DeadLetter(letter.CustomerCode, DeadLetters.ChangeIdOf(letter), letter.MessageId);

    public Task KeepAsync(DeadLetter letter, CancellationToken ct) =>
        store.PutAsync(KeyOf(letter), JsonSerializer.SerializeToUtf8Bytes(letter, Json.TypeInfo<DeadLetter>()), WriteCondition.None, ct);

    /// <summary>Also at the key without the change segment, where letters were kept before it existed.</summary>
    public async Task RemoveAsync(DeadLetter letter, CancellationToken ct)
    {
        await store.DeleteAsync(KeyOf(letter), ct).ConfigureAwait(false);
        if (DeadLetters.ChangeIdOf(letter) is not null)
            await store.DeleteAsync(StorageLayout.DeadLetter(letter.CustomerCode, null, letter.MessageId), ct).ConfigureAwait(false);
    }

    /// <summary>Dead letters, oldest first: one customer's, or everyone's when <paramref name="customerCode"/> is null.</summary>
    public Task<IReadOnlyList<DeadLetter>> ListAsync(string? customerCode, CancellationToken ct) =>
        ReadAllAsync(customerCode is null ? StorageLayout.DeadLettersPrefix : StorageLayout.DeadLettersOf(customerCode), ct);

    /// <summary>One LIST of the change's prefix and one GET per letter of that change.</summary>
    public Task<IReadOnlyList<DeadLetter>> ListForChangeAsync(string customerCode, string changeId, CancellationToken ct) =>
        ReadAllAsync(StorageLayout.DeadLettersOf(customerCode, changeId), ct);

    private async Task<IReadOnlyList<DeadLetter>> ReadAllAsync(string prefix, CancellationToken ct)
    {
        var letters = new List<DeadLetter>();
        string? token = null;
        do
        {
            var page = await store.ListKeysAsync(prefix, token, ct).ConfigureAwait(false);
            foreach (var key in page.Items)
                if (await store.GetAsync(key, ct).ConfigureAwait(false) is { } stored)
                    letters.Add(Read(stored));
            token = page.NextToken;
        }
        while (token is not null);
        return [.. letters.OrderBy(l => l.At).ThenBy(l => l.MessageId, StringComparer.Ordinal)];
    }

    /// <summary>An object that is not a dead letter's JSON is still listed, with its text as the body.</summary>
    private static DeadLetter Read(StoredObject stored)
    {
        try
        {
            if (JsonSerializer.Deserialize(stored.Content, Json.TypeInfo<DeadLetter>()) is { MessageId: not null } letter)
                return letter;
        }
        catch (JsonException)
        {
        }
        var name = stored.Key[(stored.Key.LastIndexOf('/') + 1)..];
        return new DeadLetter(null, Uri.UnescapeDataString(name.EndsWith(".json", StringComparison.Ordinal) ? name[..^5] : name),
            System.Text.Encoding.UTF8.GetString(stored.Content), $"unreadable dead letter object {stored.Key}", stored.LastModified);
    }
}
