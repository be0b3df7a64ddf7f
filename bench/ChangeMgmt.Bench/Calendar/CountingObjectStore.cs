using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Bench.Calendar;

/// <summary>A store that counts the objects read, the objects written and the list pages asked for, to report what a query costs in requests.</summary>
internal sealed class CountingObjectStore(IObjectStore inner) : IObjectStore
{
    private long gets;
    private long lists;
    private long puts;

    public long Gets => Interlocked.Read(ref gets);

    public long Lists => Interlocked.Read(ref lists);

    public long Puts => Interlocked.Read(ref puts);

    public Task<StoredObject?> GetAsync(string key, CancellationToken ct)
    {
        Interlocked.Increment(ref gets);
        return inner.GetAsync(key, ct);
    }

    public Task<string> PutAsync(string key, byte[] content, WriteCondition condition, CancellationToken ct)
    {
        Interlocked.Increment(ref puts);
        return inner.PutAsync(key, content, condition, ct);
    }

    public Task DeleteAsync(string key, CancellationToken ct) => inner.DeleteAsync(key, ct);

    public Task<Page<string>> ListKeysAsync(string prefix, string? continuationToken, CancellationToken ct)
    {
        Interlocked.Increment(ref lists);
        return inner.ListKeysAsync(prefix, continuationToken, ct);
    }
}
