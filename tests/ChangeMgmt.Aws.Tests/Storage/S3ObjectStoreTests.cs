using System.Text;
using Amazon.S3;
using Amazon.S3.Model;
using ChangeMgmt.Aws.Storage;
using ChangeMgmt.Aws.Tests.Credentials;
using ChangeMgmt.Aws.Tests.Support;
using ChangeMgmt.Core.Configuration;
using ChangeMgmt.Core.Errors;
using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Aws.Tests.Storage;

[Collection(MotoCollection.Name)]
public sealed class S3ObjectStoreTests(MotoServer moto) : IAsyncLifetime
{
    private const string Bucket = "changemgmt-store-test";
    private AmazonS3Client _s3 = null!;

    public async Task InitializeAsync() => _s3 = await MotoBuckets.FreshAsync(moto, Bucket);

    public Task DisposeAsync()
    {
        _s3.Dispose();
        return Task.CompletedTask;
    }

    private S3ObjectStore Store(int pageSize = S3ObjectStore.DefaultPageSize) => new(_s3, MotoSettings.For(moto), Bucket, pageSize);

    private static byte[] Json(string text) => Encoding.UTF8.GetBytes(text);

    [Fact]
    public async Task Put_then_get_returns_the_content_and_the_etag_of_the_write()
    {
        var store = Store();

        var etag = await store.PutAsync("archive/CHG-1.json", Json("""{"v":1}"""), WriteCondition.None, default);
        var stored = await store.GetAsync("archive/CHG-1.json", default);

        Assert.NotNull(stored);
        Assert.Equal("""{"v":1}""", Encoding.UTF8.GetString(stored.Content));
        Assert.Equal(etag, stored.ETag);
        Assert.InRange(stored.LastModified, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(5));
    }

    [Fact]
    public async Task A_missing_key_reads_as_null_and_deleting_it_is_not_an_error()
    {
        var store = Store();

        Assert.Null(await store.GetAsync("archive/CHG-none.json", default));
        await store.DeleteAsync("archive/CHG-none.json", default);
    }

    [Fact]
    public async Task Delete_removes_the_object()
    {
        var store = Store();
        await store.PutAsync("drafts/CHG-2.json", Json("{}"), WriteCondition.None, default);

        await store.DeleteAsync("drafts/CHG-2.json", default);

        Assert.Null(await store.GetAsync("drafts/CHG-2.json", default));
    }

    [Fact]
    public async Task Creating_with_if_none_match_twice_conflicts_the_second_time()
    {
        var store = Store();
        await store.PutAsync("archive/CHG-3.json", Json("""{"v":1}"""), WriteCondition.MustNotExist, default);

        var conflict = await Assert.ThrowsAsync<ConcurrencyConflictException>(
            () => store.PutAsync("archive/CHG-3.json", Json("""{"v":2}"""), WriteCondition.MustNotExist, default));

        Assert.Contains("archive/CHG-3.json", conflict.Message, StringComparison.Ordinal);
        Assert.Equal("""{"v":1}""", Encoding.UTF8.GetString((await store.GetAsync("archive/CHG-3.json", default))!.Content));
    }

    [Fact]
    public async Task Updating_with_the_current_etag_works_and_with_a_stale_one_conflicts()
    {
        var store = Store();
        var first = await store.PutAsync("archive/CHG-4.json", Json("""{"v":1}"""), WriteCondition.MustNotExist, default);

        var second = await store.PutAsync("archive/CHG-4.json", Json("""{"v":2}"""), WriteCondition.MustMatch(first), default);
        var conflict = await Assert.ThrowsAsync<ConcurrencyConflictException>(
            () => store.PutAsync("archive/CHG-4.json", Json("""{"v":3}"""), WriteCondition.MustMatch(first), default));

        Assert.NotEqual(first, second);
        Assert.Contains("archive/CHG-4.json", conflict.Message, StringComparison.Ordinal);
        Assert.Equal("""{"v":2}""", Encoding.UTF8.GetString((await store.GetAsync("archive/CHG-4.json", default))!.Content));
    }

    [Fact]
    public async Task An_unquoted_etag_is_accepted()
    {
        var store = Store();
        var first = await store.PutAsync("archive/CHG-5.json", Json("""{"v":1}"""), WriteCondition.None, default);

        await store.PutAsync("archive/CHG-5.json", Json("""{"v":2}"""), WriteCondition.MustMatch(first.Trim('"')), default);
    }

    [Fact]
    public async Task If_match_on_a_missing_key_conflicts()
    {
        var store = Store();

        await Assert.ThrowsAsync<ConcurrencyConflictException>(
            () => store.PutAsync("archive/CHG-6.json", Json("{}"), WriteCondition.MustMatch("\"0123\""), default));
    }

    [Fact]
    public async Task Listing_pages_through_every_key_under_the_prefix_and_nothing_else()
    {
        var store = Store(pageSize: 7);
        var expected = Enumerable.Range(0, 20).Select(i => $"versions/CHG-7/v{i:D2}.json").ToList();
        foreach (var key in expected)
            await store.PutAsync(key, Json("{}"), WriteCondition.None, default);
        await store.PutAsync("versions/CHG-70/v1.json", Json("{}"), WriteCondition.None, default);

        var keys = new List<string>();
        var pages = 0;
        string? token = null;
        do
        {
            var page = await store.ListKeysAsync("versions/CHG-7/", token, default);
            Assert.InRange(page.Items.Count, 1, 7);
            keys.AddRange(page.Items);
            token = page.NextToken;
            pages++;
        }
        while (token is not null);

        Assert.Equal(expected, keys);
        Assert.Equal(3, pages);
    }

    [Fact]
    public async Task A_missing_bucket_is_a_typed_not_found_error()
    {
        var store = new S3ObjectStore(_s3, MotoSettings.For(moto), "changemgmt-no-such-bucket", 1000);

        var error = await Assert.ThrowsAsync<ServiceException>(() => store.GetAsync("customers/acme/CHG-8.json", default));

        Assert.Equal(ServiceErrorKind.NotFound, error.Kind);
        Assert.Equal("NoSuchBucket", error.ErrorCode);
        Assert.Equal("acme", error.CustomerCode);
        Assert.False(error.IsRetryable);
    }

    [Fact]
    public void The_bucket_comes_from_s3_config_and_its_absence_is_a_configuration_error()
    {
        Assert.Equal("b", S3ObjectStore.BucketOf(new ChangeMgmtConfig { S3Config = new S3Config { BucketName = "b" } }));
        var error = Assert.Throws<ConfigException>(() => S3ObjectStore.BucketOf(new ChangeMgmtConfig()));
        Assert.Equal("s3_config.bucket_name", Assert.Single(error.Problems).Path);
    }
}
