using System.Text.Json;
using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Aws.Storage;

/// <summary>
/// Dead letters as objects in the change bucket, one per message:
/// <c>dead-letters/{customer or _unknown}/{messageId}.json</c> holding
/// <c>{customerCode, messageId, body, reason, at}</c>. Keeping the same message again overwrites it.
/// </summary>
public sealed class S3DeadLetterStore(IObjectStore store) : IDeadLetterStore
{
    public const string Prefix = ChangeMgmt.Core.Changes.StorageLayout.DeadLettersPrefix;
    public const string UnknownCustomer = "_unknown";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public S3DeadLetterStore(AwsSettings settings, string bucketName)
        : this(new S3ObjectStore(settings, bucketName))
    {
    }

    public static string KeyOf(string? customerCode, string messageId) =>
        $"{PrefixOf(customerCode)}{Uri.EscapeDataString(messageId)}.json";

    public static string PrefixOf(string? customerCode) =>
        $"{Prefix}{(string.IsNullOrEmpty(customerCode) ? UnknownCustomer : Uri.EscapeDataString(customerCode))}/";

    public Task KeepAsync(DeadLetter letter, CancellationToken ct) =>
        store.PutAsync(KeyOf(letter.CustomerCode, letter.MessageId), JsonSerializer.SerializeToUtf8Bytes(letter, Json), WriteCondition.None, ct);

    public Task RemoveAsync(DeadLetter letter, CancellationToken ct) =>
        store.DeleteAsync(KeyOf(letter.CustomerCode, letter.MessageId), ct);

    /// <summary>Dead letters, oldest first: one customer's, or everyone's when <paramref name="customerCode"/> is null.</summary>
    public async Task<IReadOnlyList<DeadLetter>> ListAsync(string? customerCode, CancellationToken ct)
    {
        var letters = new List<DeadLetter>();
        string? token = null;
        do
        {
            var page = await store.ListKeysAsync(customerCode is null ? Prefix : PrefixOf(customerCode), token, ct).ConfigureAwait(false);
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
            if (JsonSerializer.Deserialize<DeadLetter>(stored.Content, Json) is { MessageId: not null } letter)
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
