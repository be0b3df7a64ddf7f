namespace ChangeMgmt.Core.Administration;

/// <summary>How one customer's notification (or one stray notification) compares with config.json.</summary>
// long, not int: PowerShell's ConvertTo-Json writes long-based enums by name, so exported output reads as words.
public enum S3EventStatus : long
{
    /// <summary>Object creation under <c>customers/{code}/</c> with suffix <c>.json</c> notifies the customer's queue.</summary>
    InSync,

    /// <summary>No queue notification has the customer's prefix: its changes notify nobody.</summary>
    Missing,

    /// <summary>The customer's notification sends to another queue than its <c>sqs_queue_arn</c>.</summary>
    WrongQueue,

    /// <summary>The customer's notification does not filter on the suffix <c>.json</c> exactly.</summary>
    WrongFilter,

    /// <summary>The customer's notification does not fire on object creation.</summary>
    MissingCreateEvent,

    /// <summary>A notification under <c>customers/</c> that config.json does not call for (unknown customer, another customer's queue, or several customers at once).</summary>
    Unexpected,
}

/// <summary>
/// One finding of <see cref="S3EventCheck"/>: the customer (null when a stray notification names
/// none), the bucket, the queue config.json expects and the one the bucket uses, and a message
/// that says what is wrong and how to fix it.
/// </summary>
public sealed record S3EventCheckResult(
    string? CustomerCode,
    string BucketName,
    S3EventStatus Status,
    string? ExpectedQueueArn,
    string? ActualQueueArn,
    string Message)
{
    public bool IsInSync => Status == S3EventStatus.InSync;
}
