using ChangeMgmt.Core.Changes;
using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Aws.Tests.Support;

/// <summary>The real store, noting every request (GET key, LIST prefix).</summary>
internal sealed class CountingObjectStore(IObjectStore inner) : IObjectStore
{
    public List<string> Requests { get; } = [];

    public List<string> DeadLetterRequests =>
        [.. Requests.Where(r => r.Split(' ')[1].StartsWith(StorageLayout.DeadLettersPrefix, StringComparison.Ordinal))];

    public Task<StoredObject?> GetAsync(string key, CancellationToken ct) => Note($"GET {key}", inner.GetAsync(key, ct));

    public Task<Page<string>> ListKeysAsync(string prefix, string? continuationToken, CancellationToken ct) =>
        Note($"LIST {prefix}", inner.ListKeysAsync(prefix, continuationToken, ct));

    public Task<string> PutAsync(string key, byte[] content, WriteCondition condition, CancellationToken ct) => inner.PutAsync(key, content, condition, ct);

    public Task DeleteAsync(string key, CancellationToken ct) => inner.DeleteAsync(key, ct);

    private T Note<T>(string request, T result)
    {
        lock (Requests) Requests.Add(request);
        return result;
    }
}
