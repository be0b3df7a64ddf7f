namespace ChangeMgmt.Core.Ports;

/// <summary>A message taken from a customer's queue, hidden from others until released or deleted.</summary>
public sealed record QueuedMessage(string CustomerCode, string MessageId, string ReceiptHandle, string Body, int ReceiveCount);

/// <summary>One standard queue per customer, fed by the bucket's notifications.</summary>
public interface IChangeQueue
{
    Task<IReadOnlyList<QueuedMessage>> ReceiveAsync(string customerCode, int maxMessages, TimeSpan visibilityTimeout, TimeSpan wait, CancellationToken ct);

    Task DeleteAsync(QueuedMessage message, CancellationToken ct);

    /// <summary>Makes the message visible again for another attempt, noting why this one failed.</summary>
    Task ReleaseAsync(QueuedMessage message, string reason, CancellationToken ct);

    Task ExtendVisibilityAsync(QueuedMessage message, TimeSpan visibilityTimeout, CancellationToken ct);

    /// <summary>Sends a message body to a customer's queue (SQS SendMessage); returns the message id.</summary>
    Task<string> SendAsync(string customerCode, string body, CancellationToken ct);
}

/// <summary>A message that can never be processed, kept with the reason.</summary>
public sealed record DeadLetter(string? CustomerCode, string MessageId, string Body, string Reason, DateTimeOffset At);

public interface IDeadLetterStore
{
    Task KeepAsync(DeadLetter letter, CancellationToken ct);

    Task<IReadOnlyList<DeadLetter>> ListAsync(string? customerCode, CancellationToken ct);
}
