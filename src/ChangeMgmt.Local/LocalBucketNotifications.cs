using ChangeMgmt.Core.Changes;
using ChangeMgmt.Core.Configuration;
using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Local;

/// <summary>
/// The local bucket's "notification configuration", described as S3 rules. Local mode has no
/// configuration to drift: <see cref="LocalObjectStore.PutAsync"/> routes by
/// <see cref="LocalObjectStore.TriggerCustomer"/>, which sends an <c>ObjectCreated:Put</c> event for
/// every Put of a key that starts with <c>customers/</c>, has a non-empty first segment and ends
/// with <c>.json</c> (case-sensitive), to the local queue named by that segment (nested keys such as
/// <c>customers/acme/x/y.json</c> included, as with an S3 prefix filter); deletes send nothing.
/// For a configured customer that is exactly one rule: prefix <c>customers/{code}/</c>, suffix
/// <c>.json</c>, event <c>s3:ObjectCreated:Put</c>, to the customer's queue (the local queue keyed by
/// its code stands for its <c>sqs_queue_arn</c>; an empty ARN when config.json sets none).
/// What these rules do not show: the local store also enqueues triggers under codes that are not
/// configured (to a queue of that name that no worker reads), where S3 would notify no queue.
/// </summary>
public sealed class LocalBucketNotifications : IBucketNotifications
{
    private const string TriggerSuffix = ".json";
    private const string ObjectCreatedPut = "s3:ObjectCreated:Put";

    private readonly ChangeMgmtConfig _config;

    public LocalBucketNotifications(ChangeMgmtConfig config, string bucketName)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentException.ThrowIfNullOrWhiteSpace(bucketName);
        _config = config;
        BucketName = bucketName;
    }

    public string BucketName { get; }

    public Task<IReadOnlyList<QueueNotificationRule>> GetQueueNotificationsAsync(CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<QueueNotificationRule>>(
        [
            .. _config.Customers.Select(c => new QueueNotificationRule(
                $"changemgmt-{c.CustomerCode}", c.SqsQueueArn ?? "", [ObjectCreatedPut], StorageLayout.CustomerPrefix(c.CustomerCode), TriggerSuffix)),
        ]);
}
