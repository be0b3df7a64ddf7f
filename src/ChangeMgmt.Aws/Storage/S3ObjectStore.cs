using System.Net;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using ChangeMgmt.Aws.Credentials;
using ChangeMgmt.Core.Configuration;
using ChangeMgmt.Core.Errors;
using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Aws.Storage;

/// <summary>
/// The change bucket on S3. Conditional writes use If-None-Match / If-Match; a failed condition
/// (412 PreconditionFailed, 409 ConditionalRequestConflict, or If-Match on a missing key) is a
/// <see cref="ConcurrencyConflictException"/>. Other errors are typed <see cref="ServiceException"/>s.
/// It also reads the bucket's queue notifications (<see cref="IBucketNotifications"/>).
/// </summary>
public sealed class S3ObjectStore : IObjectStore, IBucketNotifications, IDisposable
{
    public const int DefaultPageSize = 1000;

    private readonly IAmazonS3 _s3;
    private readonly AwsSettings _settings;
    private readonly bool _ownsClient;
    private readonly int _pageSize;

    public S3ObjectStore(AwsSettings settings, ChangeMgmtConfig config)
        : this(settings, BucketOf(config))
    {
    }

    public S3ObjectStore(AwsSettings settings, string bucketName)
        : this(CreateClient(settings), settings, bucketName, DefaultPageSize, ownsClient: true)
    {
    }

    internal S3ObjectStore(IAmazonS3 s3, AwsSettings settings, string bucketName, int pageSize, bool ownsClient = false)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(bucketName);
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        _s3 = s3;
        _settings = settings;
        _ownsClient = ownsClient;
        _pageSize = pageSize;
        BucketName = bucketName;
    }

    public string BucketName { get; }

    /// <summary>An S3 client for the caller in <see cref="AwsSettings.Region"/>; path-style when an endpoint override is set.</summary>
    public static AmazonS3Client CreateClient(AwsSettings settings)
    {
        var config = AwsClientConfigs.For(new AmazonS3Config(), settings, AwsService.S3, settings.Region);
        config.ForcePathStyle = settings.Endpoints.Override(AwsService.S3) is not null;
        return new AmazonS3Client(settings.Credentials, config);
    }

    public static string BucketOf(ChangeMgmtConfig config) =>
        config.S3Config?.BucketName is { Length: > 0 } bucket
            ? bucket
            : throw new ConfigException([new ConfigProblem("config.json", "s3_config.bucket_name", "No bucket is configured for changes.", "Set s3_config.bucket_name to the change bucket's name.")]);

    public Task<StoredObject?> GetAsync(string key, CancellationToken ct) =>
        AwsCalls.RunAsync<StoredObject?>(_settings, TriggerCustomer(key), async t =>
        {
            try
            {
                using var response = await _s3.GetObjectAsync(new GetObjectRequest { BucketName = BucketName, Key = key }, t).ConfigureAwait(false);
                using var content = new MemoryStream();
                await response.ResponseStream.CopyToAsync(content, t).ConfigureAwait(false);
                return new StoredObject(key, content.ToArray(), response.ETag, AwsTimes.ToUtc(response.LastModified) ?? DateTimeOffset.UnixEpoch);
            }
            catch (AmazonS3Exception ex) when (ex.ErrorCode == "NoSuchKey")
            {
                return null;
            }
        }, ct);

    public Task<string> PutAsync(string key, byte[] content, WriteCondition condition, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        return AwsCalls.RunAsync(_settings, TriggerCustomer(key), async t =>
        {
            var request = new PutObjectRequest
            {
                BucketName = BucketName,
                Key = key,
                InputStream = new MemoryStream(content, writable: false),
                ContentType = key.EndsWith(".json", StringComparison.Ordinal) ? "application/json" : "application/octet-stream",
            };
            switch (condition)
            {
                case WriteCondition.IfNoneMatch: request.IfNoneMatch = "*"; break;
                case WriteCondition.IfMatch ifMatch: request.IfMatch = Quoted(ifMatch.ETag); break;
            }
            try
            {
                var response = await _s3.PutObjectAsync(request, t).ConfigureAwait(false);
                return response.ETag;
            }
            catch (AmazonS3Exception ex) when (IsConditionFailure(ex, condition))
            {
                throw new ConcurrencyConflictException(ConflictMessage(key, condition, ex));
            }
        }, ct);
    }

    public Task DeleteAsync(string key, CancellationToken ct) =>
        AwsCalls.RunAsync(_settings, TriggerCustomer(key),
            t => _s3.DeleteObjectAsync(new DeleteObjectRequest { BucketName = BucketName, Key = key }, t), ct);

    /// <summary>Keys under a prefix in S3's (UTF-8 binary) order, a page at a time; the token is S3's continuation token.</summary>
    public Task<Page<string>> ListKeysAsync(string prefix, string? continuationToken, CancellationToken ct) =>
        AwsCalls.RunAsync(_settings, null, async t =>
        {
            var response = await _s3.ListObjectsV2Async(new ListObjectsV2Request
            {
                BucketName = BucketName,
                Prefix = prefix,
                ContinuationToken = continuationToken,
                MaxKeys = _pageSize,
            }, t).ConfigureAwait(false);
            var keys = (response.S3Objects ?? []).Select(o => o.Key).ToList();
            return new Page<string>(keys, response.IsTruncated == true ? response.NextContinuationToken : null);
        }, ct);

    /// <summary>The bucket's queue notifications (GetBucketNotification); none when it has no configuration.</summary>
    public Task<IReadOnlyList<QueueNotificationRule>> GetQueueNotificationsAsync(CancellationToken ct) =>
        AwsCalls.RunAsync(_settings, null, async t =>
        {
            var response = await _s3.GetBucketNotificationAsync(new GetBucketNotificationRequest { BucketName = BucketName }, t).ConfigureAwait(false);
            return S3QueueNotifications.From(response.QueueConfigurations);
        }, ct);

    private static bool IsConditionFailure(AmazonServiceException ex, WriteCondition condition) =>
        condition is not WriteCondition.Unconditional
        && (ex.StatusCode == HttpStatusCode.PreconditionFailed
            || ex.ErrorCode is "PreconditionFailed" or "ConditionalRequestConflict"
            || (condition is WriteCondition.IfMatch && ex.ErrorCode == "NoSuchKey"));

    private static string ConflictMessage(string key, WriteCondition condition, AmazonServiceException ex) => condition switch
    {
        WriteCondition.IfNoneMatch => $"Object '{key}' already exists (If-None-Match failed: {ex.ErrorCode}).",
        WriteCondition.IfMatch ifMatch when ex.ErrorCode == "NoSuchKey" => $"Object '{key}' does not exist (If-Match {ifMatch.ETag} failed).",
        WriteCondition.IfMatch ifMatch => $"Object '{key}' was changed by another writer (If-Match {ifMatch.ETag} failed: {ex.ErrorCode}).",
        _ => $"Object '{key}': conditional write failed ({ex.ErrorCode}).",
    };

    private static string Quoted(string etag) => etag.StartsWith('"') ? etag : $"\"{etag}\"";


    /// <summary>The customer a key belongs to (<c>customers/{code}/…</c>), named in errors.</summary>
    private static string? TriggerCustomer(string key)
    {
        const string Prefix = Core.Changes.StorageLayout.CustomersPrefix;
        if (!key.StartsWith(Prefix, StringComparison.Ordinal)) return null;
        var slash = key.IndexOf('/', Prefix.Length);
        return slash > Prefix.Length ? key[Prefix.Length..slash] : null;
    }

    public void Dispose()
    {
        if (_ownsClient) _s3.Dispose();
    }
}
