namespace ChangeMgmt.Core.Ports;

/// <summary>
/// One queue notification of the change bucket: S3 sends an event to <paramref name="QueueArn"/>
/// for <paramref name="Events"/> (e.g. <c>s3:ObjectCreated:*</c>) on keys that start with
/// <paramref name="Prefix"/> and end with <paramref name="Suffix"/> (null: no such filter).
/// </summary>
public sealed record QueueNotificationRule(string? Id, string QueueArn, IReadOnlyList<string> Events, string? Prefix, string? Suffix);

/// <summary>The change bucket's live queue notifications, as the bucket reports them.</summary>
public interface IBucketNotifications
{
    string BucketName { get; }

    Task<IReadOnlyList<QueueNotificationRule>> GetQueueNotificationsAsync(CancellationToken ct);
}
