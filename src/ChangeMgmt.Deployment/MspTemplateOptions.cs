namespace ChangeMgmt.Deployment;

/// <summary>
/// How each customer's queue and event source are set up. The queue's visibility timeout is always
/// <see cref="VisibilityTimeoutFactor"/> × the delivery function's timeout (AWS's advice for SQS event sources).
/// </summary>
public sealed record MspTemplateOptions
{
    public const int VisibilityTimeoutFactor = 6;

    /// <summary>Receives before a message moves to the customer's dead-letter queue.</summary>
    public int MaxReceiveCount { get; init; } = 5;

    /// <summary>Messages per /events call.</summary>
    public int BatchSize { get; init; } = 10;

    /// <summary>
    /// Delivery function instances per customer queue (2 is the least SQS event sources allow); the
    /// function paces each instance at its share of the customer's SES send rate.
    /// </summary>
    public int MaximumConcurrency { get; init; } = 2;

    /// <summary>Seconds a message stays in a queue before SQS drops it (14 days, the most SQS allows).</summary>
    public int MessageRetentionSeconds { get; init; } = 1_209_600;
}
