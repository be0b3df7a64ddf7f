using System.Text.Json;
using ChangeMgmt.Core.Json;
using ChangeMgmt.Core.Errors;
using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Core.Subscriptions;

/// <summary>Subscription jobs in the bucket: queued with their rows, read, listed, and rewritten only under the ETag read (a lost race is a conflict).</summary>
public sealed class SubscriptionJobs(IObjectStore store, TimeProvider time)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { TypeInfoResolver = SubscriptionJsonContext.Default };

    public async Task<SubscriptionJob> QueueAsync(string customer, IReadOnlyList<ImportRow> rows, string user, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var id = $"JOB-{now.UtcDateTime:yyyyMMddHHmmss}-{Guid.NewGuid().ToString("N")[..8]}";
        await store.PutAsync(SubscriptionKeys.Rows(customer, id), JsonSerializer.SerializeToUtf8Bytes(rows, Json.TypeInfo<IReadOnlyList<ImportRow>>()), WriteCondition.MustNotExist, ct);
        var job = new SubscriptionJob(id, customer, SubscriptionJob.Queued, rows.Count, 0, 0, [], null, user, now, null, null);
        await store.PutAsync(SubscriptionKeys.Job(customer, id), JsonSerializer.SerializeToUtf8Bytes(job, Json.TypeInfo<SubscriptionJob>()), WriteCondition.MustNotExist, ct);
        await store.PutAsync(SubscriptionKeys.Open(customer, id), [], WriteCondition.None, ct);
        return job;
    }

    public async Task<SubscriptionJob> GetAsync(string customer, string jobId, CancellationToken ct) =>
        (await ReadAsync(SubscriptionKeys.Job(customer, jobId), ct))?.Job ?? throw new SubscriptionJobNotFoundException(jobId);

    /// <summary>The customer's jobs, newest first (ids start with their creation time).</summary>
    public async Task<IReadOnlyList<SubscriptionJob>> ListAsync(string customer, CancellationToken ct)
    {
        var jobs = new List<SubscriptionJob>();
        await foreach (var key in store.ListAllKeysAsync(SubscriptionKeys.JobsOf(customer), ct))
            if (await ReadAsync(key, ct) is { } read) jobs.Add(read.Job);
        return [.. jobs.OrderByDescending(j => j.CreatedAt).ThenByDescending(j => j.JobId, StringComparer.Ordinal)];
    }

    /// <summary>Every open job of every customer (by their markers), with the ETag it was read at; a finished job's marker is removed.</summary>
    public async IAsyncEnumerable<(SubscriptionJob Job, string ETag)> OpenAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        await foreach (var marker in store.ListAllKeysAsync(SubscriptionKeys.OpenPrefix, ct))
        {
            var parts = marker[SubscriptionKeys.OpenPrefix.Length..].Split('/');
            if (parts.Length != 2) continue;
            if (await ReadAsync(SubscriptionKeys.Job(parts[0], parts[1]), ct) is { Job.IsOpen: true } read) yield return read;
            else await store.DeleteAsync(marker, ct);
        }
    }

    public async Task<IReadOnlyList<ImportRow>> RowsAsync(SubscriptionJob job, CancellationToken ct) =>
        await store.GetAsync(SubscriptionKeys.Rows(job.Customer, job.JobId), ct) is { } stored
            ? JsonSerializer.Deserialize(stored.Content, Json.TypeInfo<List<ImportRow>>()) ?? []
            : throw new InvalidDataException($"Job {job.JobId} has no rows.");

    /// <summary>Writes the job over the version read at <paramref name="etag"/>; the new ETag. Another writer in between: <see cref="ConcurrencyConflictException"/>.</summary>
    public Task<string> SaveAsync(SubscriptionJob job, string etag, CancellationToken ct) =>
        store.PutAsync(SubscriptionKeys.Job(job.Customer, job.JobId), JsonSerializer.SerializeToUtf8Bytes(job, Json.TypeInfo<SubscriptionJob>()), WriteCondition.MustMatch(etag), ct);

    private async Task<(SubscriptionJob Job, string ETag)?> ReadAsync(string key, CancellationToken ct) =>
        await store.GetAsync(key, ct) is { } stored && JsonSerializer.Deserialize(stored.Content, Json.TypeInfo<SubscriptionJob>()) is { } job ? (job, stored.ETag) : null;
}
