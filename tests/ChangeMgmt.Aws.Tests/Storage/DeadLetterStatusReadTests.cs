using Amazon.S3;
using ChangeMgmt.Aws.Storage;
using ChangeMgmt.Aws.Tests.Credentials;
using ChangeMgmt.Aws.Tests.Support;
using ChangeMgmt.Core.Changes;
using ChangeMgmt.Core.Delivery;
using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Aws.Tests.Storage;

/// <summary>
/// What one status read costs in dead-letter requests on S3 (moto): only the change's own prefix of each of the
/// change's customers is listed, and only that change's letters are fetched; another customer's are never touched.
/// </summary>
[Collection(MotoCollection.Name)]
public sealed class DeadLetterStatusReadTests(MotoServer moto) : IAsyncLifetime
{
    private const string Bucket = "changemgmt-dead-letter-status";
    private static readonly DateTimeOffset At = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly Change Change = new() { ChangeId = "CHG-20260301-STATUS", Customers = ["acme"], Status = ChangeStatus.Submitted, Version = 1, ModifiedAt = At };
    private AmazonS3Client _s3 = null!;

    public async Task InitializeAsync() => _s3 = await MotoBuckets.FreshAsync(moto, Bucket);

    public Task DisposeAsync()
    {
        _s3.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_status_read_lists_the_changes_prefix_and_gets_its_letters_only()
    {
        var objects = new CountingObjectStore(new S3ObjectStore(_s3, MotoSettings.For(moto), Bucket, 1000));
        var letters = new S3DeadLetterStore(objects);
        for (var i = 0; i < 3; i++) await letters.KeepAsync(Letter("acme", "CHG-20260301-OTHER" + i, $"other-{i}"), default);
        await letters.KeepAsync(Letter("acme", Change.ChangeId, "mine"), default);
        await letters.KeepAsync(Letter("globex", Change.ChangeId, "globex-1"), default);
        await letters.KeepAsync(Letter("globex", Change.ChangeId, "globex-2"), default);
        var reader = new DeliveryStatusReader(new EmptyLedger(), letters, objects);

        objects.Requests.Clear();
        var status = Assert.Single(await reader.ReadAsync(Change, default));

        Assert.Equal((CustomerDeliveryState.Failed, 1, "kept: mine"), (status.State, status.DeadLetters, status.Error));
        Assert.Equal(["LIST dead-letters/acme/CHG-20260301-STATUS/", "GET dead-letters/acme/CHG-20260301-STATUS/mine.json"], objects.DeadLetterRequests);
        Assert.DoesNotContain(objects.Requests, r => r.Contains("globex", StringComparison.Ordinal));

        // The customer-wide listing the status made before: one GET for every letter of the customer, of every change.
        objects.Requests.Clear();
        Assert.Equal(4, (await letters.ListAsync("acme", default)).Count);
        Assert.Equal(5, objects.DeadLetterRequests.Count);
    }

    [Fact]
    public async Task A_letter_naming_no_change_and_one_kept_before_the_change_segment_are_listed_and_removed()
    {
        var objects = new S3ObjectStore(_s3, MotoSettings.For(moto), Bucket, 1000);
        var letters = new S3DeadLetterStore(objects);
        var legacy = Letter("acme", Change.ChangeId, "legacy");
        await objects.PutAsync("dead-letters/acme/legacy.json", System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(legacy, new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web)), WriteCondition.None, default);
        var unnamed = new DeadLetter("acme", "no-change", "not json", "The message body is not JSON", At.AddMinutes(1));
        await letters.KeepAsync(unnamed, default);

        Assert.Equal([legacy, unnamed], await letters.ListAsync("acme", default));
        Assert.NotNull(await objects.GetAsync("dead-letters/acme/no-change.json", default));
        Assert.Empty(await letters.ListForChangeAsync("acme", Change.ChangeId, default));

        await letters.RemoveAsync(legacy, default);
        await letters.RemoveAsync(unnamed, default);
        Assert.Empty(await letters.ListAsync("acme", default));
    }

    private static DeadLetter Letter(string customer, string changeId, string messageId) => new(customer, messageId,
        """{"Records":[{"eventName":"ObjectCreated:Put","s3":{"bucket":{"name":"b"},"object":{"key":"KEY"}}}]}""".Replace("KEY", StorageLayout.CustomerTrigger(customer, changeId), StringComparison.Ordinal),
        "kept: " + messageId, At.AddSeconds(messageId.Length));

    /// <summary>The real store, noting every request (GET key, LIST prefix).</summary>
    private sealed class CountingObjectStore(IObjectStore inner) : IObjectStore
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

    /// <summary>A ledger with nothing recorded: the status then rests on the bucket's objects alone.</summary>
    private sealed class EmptyLedger : IDeliveryLedger
    {
        public Task<IReadOnlyList<DeliveryRecord>> ListWithOutcomesAsync(string changeId, string? customerCode, CancellationToken ct) =>
            Task.FromResult<IReadOnlyList<DeliveryRecord>>([]);

        public Task<IReadOnlyList<DeliveryRecord>> ListAsync(string changeId, string? customerCode, CancellationToken ct) =>
            Task.FromResult<IReadOnlyList<DeliveryRecord>>([]);

        public Task<ClaimResult> TryClaimAsync(DeliveryKey key, string topic, TimeSpan lease, CancellationToken ct) => throw new NotSupportedException();
        public Task MarkSentAsync(DeliveryKey key, string messageId, CancellationToken ct) => throw new NotSupportedException();
        public Task MarkFailedAsync(DeliveryKey key, string error, CancellationToken ct) => throw new NotSupportedException();
        public Task ReleaseAsync(DeliveryKey key, CancellationToken ct) => throw new NotSupportedException();
        public Task MarkContinuingAsync(DeliveryKey outcomeKey, string topic, int recipients, CancellationToken ct) => throw new NotSupportedException();
        public Task<DateTimeOffset> BookSendTimeAsync(string customerCode, DateTimeOffset earliest, TimeSpan length, CancellationToken ct) => throw new NotSupportedException();
    }
}
