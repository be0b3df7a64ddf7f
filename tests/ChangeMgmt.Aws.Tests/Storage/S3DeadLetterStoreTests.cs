using Amazon.S3;
using Amazon.S3.Model;
using ChangeMgmt.Aws.Storage;
using ChangeMgmt.Aws.Tests.Credentials;
using ChangeMgmt.Aws.Tests.Support;
using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Aws.Tests.Storage;

[Collection(MotoCollection.Name)]
public sealed class S3DeadLetterStoreTests(MotoServer moto) : IAsyncLifetime
{
    private const string Bucket = "changemgmt-dead-letter-test";
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
}
