namespace ChangeMgmt.Core.Delivery;

/// <summary>
/// How long a worker holds what it takes: a recipient's claim in the ledger (another process may take it
/// over after a crash once it ends) and a received queue message. The defaults suit production; tests shorten them.
/// </summary>
public sealed record DeliveryTimings
{
    public TimeSpan ClaimLease { get; init; } = DeliveryOptions.DefaultClaimLease;

    public TimeSpan VisibilityTimeout { get; init; } = QueueWorker.DefaultVisibilityTimeout;
}
