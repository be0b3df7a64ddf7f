using ChangeMgmt.Core.Errors;
using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Tests.Ports;

/// <summary>An object store in a dictionary, honouring If-None-Match / If-Match like S3.</summary>
public sealed class InMemoryObjectStore(int pageSize = 1000) : IObjectStore
{
    private readonly Lock gate = new();
    private readonly SortedDictionary<string, StoredObject> objects = new(StringComparer.Ordinal);
    private long etags;

    public IReadOnlyList<string> Keys
    {
        get { lock (gate) return [.. objects.Keys]; }
    }

    public Task<StoredObject?> GetAsync(string key, CancellationToken ct)
    {
        lock (gate) return Task.FromResult(objects.TryGetValue(key, out var found) ? found : null);
    }

    public Task<string> PutAsync(string key, byte[] content, WriteCondition condition, CancellationToken ct)
    {
        lock (gate)
        {
            objects.TryGetValue(key, out var current);
            switch (condition)
            {
                case WriteCondition.IfNoneMatch when current is not null:
                    throw new ConcurrencyConflictException($"{key} exists (If-None-Match).");
                case WriteCondition.IfMatch m when current is null || current.ETag != m.ETag:
                    throw new ConcurrencyConflictException($"{key} is not at {m.ETag} (If-Match).");
            }
            var etag = $"\"{++etags}\"";
            objects[key] = new StoredObject(key, [.. content], etag, DateTimeOffset.UnixEpoch.AddSeconds(etags));
            return Task.FromResult(etag);
        }
    }

    public Task DeleteAsync(string key, CancellationToken ct)
    {
        lock (gate) objects.Remove(key);
        return Task.CompletedTask;
    }

    public Task<Page<string>> ListKeysAsync(string prefix, string? continuationToken, CancellationToken ct)
    {
        lock (gate)
        {
            var keys = objects.Keys
                .Where(k => k.StartsWith(prefix, StringComparison.Ordinal) && (continuationToken is null || string.CompareOrdinal(k, continuationToken) > 0))
                .Take(pageSize + 1)
                .ToList();
            if (keys.Count <= pageSize) return Task.FromResult(new Page<string>(keys, null));
            keys.RemoveAt(pageSize);
            return Task.FromResult(new Page<string>(keys, keys[^1]));
        }
    }
}

/// <summary>Wraps a store and lets a test act before each write (fail it, or race it).</summary>
public sealed class InterceptingObjectStore(IObjectStore inner) : IObjectStore
{
    /// <summary>Called before each Put; may throw to fail the write.</summary>
    public Func<string, WriteCondition, Task>? BeforePut { get; set; }

    public List<string> PutKeys { get; } = [];

    public List<string> GetKeys { get; } = [];

    /// <summary>The prefix of each listing request (one per page).</summary>
    public List<string> ListPrefixes { get; } = [];

    public Task<StoredObject?> GetAsync(string key, CancellationToken ct)
    {
        lock (GetKeys) GetKeys.Add(key);
        return inner.GetAsync(key, ct);
    }

    public async Task<string> PutAsync(string key, byte[] content, WriteCondition condition, CancellationToken ct)
    {
        lock (PutKeys) PutKeys.Add(key);
        if (BeforePut is { } before) await before(key, condition);
        return await inner.PutAsync(key, content, condition, ct);
    }

    public Task DeleteAsync(string key, CancellationToken ct) => inner.DeleteAsync(key, ct);

    public Task<Page<string>> ListKeysAsync(string prefix, string? continuationToken, CancellationToken ct)
    {
        lock (ListPrefixes) ListPrefixes.Add(prefix);
        return inner.ListKeysAsync(prefix, continuationToken, ct);
    }
}
