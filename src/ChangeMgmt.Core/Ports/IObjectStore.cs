namespace ChangeMgmt.Core.Ports;

public sealed record StoredObject(string Key, byte[] Content, string ETag, DateTimeOffset LastModified);

/// <summary>Conditional write, as S3 PutObject with If-None-Match / If-Match.</summary>
public abstract record WriteCondition
{
    public static readonly WriteCondition None = new Unconditional();
    public static readonly WriteCondition MustNotExist = new IfNoneMatch();
    public static WriteCondition MustMatch(string etag) => new IfMatch(etag);

    public sealed record Unconditional : WriteCondition;
    public sealed record IfNoneMatch : WriteCondition;
    public sealed record IfMatch(string ETag) : WriteCondition;
}

/// <summary>The change bucket: archive/, versions/, drafts/, customers/{code}/.</summary>
public interface IObjectStore
{
    Task<StoredObject?> GetAsync(string key, CancellationToken ct);

    /// <summary>Writes an object; a failed condition throws <see cref="Errors.ConcurrencyConflictException"/>.</summary>
    Task<string> PutAsync(string key, byte[] content, WriteCondition condition, CancellationToken ct);

    Task DeleteAsync(string key, CancellationToken ct);

    Task<Page<string>> ListKeysAsync(string prefix, string? continuationToken, CancellationToken ct);
}

public static class ObjectStoreListing
{
    /// <summary>Every key under <paramref name="prefix"/>, following the pages.</summary>
    public static async IAsyncEnumerable<string> ListAllKeysAsync(this IObjectStore store, string prefix, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        string? token = null;
        do
        {
            var page = await store.ListKeysAsync(prefix, token, ct);
            foreach (var key in page.Items) yield return key;
            token = page.NextToken;
        } while (token is not null);
    }
}
