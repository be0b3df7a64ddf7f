using Amazon.S3;
using Amazon.S3.Model;
using ChangeMgmt.Aws.Storage;
using ChangeMgmt.Aws.Tests.Credentials;
using ChangeMgmt.Aws.Tests.Support;
using ChangeMgmt.Core.Changes;
using ChangeMgmt.Core.Delivery;
using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Aws.Tests.Storage;

[Collection(MotoCollection.Name)]
public sealed class S3DeadLetterStoreTests(MotoServer moto) : IAsyncLifetime
{
    private const string Bucket = "changemgmt-dead-letter-test";
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
    public async Task Dead_letters_are_kept_per_customer_and_listed_oldest_first()
    {
        var objects = new S3ObjectStore(_s3, MotoSettings.For(moto), Bucket, pageSize: 2);
        var store = new S3DeadLetterStore(objects);
        var at = new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
        var acmeLate = new DeadLetter("acme", "m-3", """{"Records":[]}""", "not a trigger", at.AddMinutes(2));
        var acmeEarly = new DeadLetter("acme", "m-1", "not json", "The message body is not JSON", at);
        var acmeMiddle = new DeadLetter("acme", "m-2", "{}", "neither form", at.AddMinutes(1));
        var globex = new DeadLetter("globex", "m-4", "{}", "unknown change", at.AddMinutes(3));
        var unknown = new DeadLetter(null, "m/5", "{}", "no customer", at.AddMinutes(4));
        foreach (var letter in new[] { acmeLate, acmeEarly, acmeMiddle, globex, unknown })
            await store.KeepAsync(letter, default);

        Assert.Equal([acmeEarly, acmeMiddle, acmeLate], await store.ListAsync("acme", default));
        Assert.Equal([globex], await store.ListAsync("globex", default));
        Assert.Equal([acmeEarly, acmeMiddle, acmeLate, globex, unknown], await store.ListAsync(null, default));
        Assert.Empty(await store.ListAsync("initech", default));
        Assert.NotNull(await objects.GetAsync("dead-letters/acme/m-1.json", default));
        Assert.NotNull(await objects.GetAsync("dead-letters/_unknown/m%2F5.json", default));
    }

    [Fact]
    public async Task The_stored_object_is_camel_case_json()
    {
        var objects = new S3ObjectStore(_s3, MotoSettings.For(moto), Bucket, 1000);
        await new S3DeadLetterStore(objects).KeepAsync(new DeadLetter("acme", "m-1", "body", "why", DateTimeOffset.UnixEpoch), default);

        var json = System.Text.Json.Nodes.JsonNode.Parse((await objects.GetAsync("dead-letters/acme/m-1.json", default))!.Content)!;

        Assert.Equal("acme", (string?)json["customerCode"]);
        Assert.Equal("m-1", (string?)json["messageId"]);
        Assert.Equal("body", (string?)json["body"]);
        Assert.Equal("why", (string?)json["reason"]);
        Assert.NotNull(json["at"]);
    }

    /// <summary>
    /// What one status read costs in dead-letter requests: only the change's own prefix of each of the change's
    /// customers is listed, and only that change's letters are fetched; another customer's are never touched.
    /// </summary>
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
}
