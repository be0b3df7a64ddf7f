namespace ChangeMgmt.Core.Ports;

/// <summary>A message taken from a customer's queue, hidden from others until released or deleted.</summary>
public sealed record QueuedMessage(string CustomerCode, string MessageId, string ReceiptHandle, string Body, int ReceiveCount);

/// <summary>One standard queue per customer, fed by the bucket's notifications.</summary>
public interface IChangeQueue
{
    Task<IReadOnlyList<QueuedMessage>> ReceiveAsync(string customerCode, int maxMessages, TimeSpan visibilityTimeout, TimeSpan wait, CancellationToken ct);

    Task DeleteAsync(QueuedMessage message, CancellationToken ct);

    /// <summary>
    /// Up to <paramref name="maxMessages"/> of the messages visible now, for a preview: read without holding them where
    /// the queue allows (the local queue), else received and given back at once; never counted towards dead-lettering
    /// (SQS, which counts every receive, gets back a message at its limit as a new one). Nothing is left hidden.
    /// </summary>
    Task<IReadOnlyList<QueuedMessage>> PeekAsync(string customerCode, int maxMessages, CancellationToken ct);

    /// <summary>Makes the message visible again for another attempt, noting why this one failed.</summary>
    Task ReleaseAsync(QueuedMessage message, string reason, CancellationToken ct);

    Task ExtendVisibilityAsync(QueuedMessage message, TimeSpan visibilityTimeout, CancellationToken ct);

    /// <summary>Offers the message again after <paramref name="delay"/>, without counting this receive towards dead-lettering.</summary>
    Task DeferAsync(QueuedMessage message, TimeSpan delay, CancellationToken ct);

    /// <summary>Adds a message (SQS SendMessage); returns its id.</summary>
    Task<string> SendAsync(string customerCode, string body, CancellationToken ct);

    /// <summary>The receives after which the queue dead-letters a message (its redrive policy's maxReceiveCount); null when it has none.</summary>
    Task<int?> MaxReceivesAsync(string customerCode, CancellationToken ct);

    /// <summary>
    /// Messages the queue itself dead-lettered and still holds (SQS: its dead-letter queue), left where they are.
    /// A queue that hands its dead letters to the <see cref="IDeadLetterStore"/> (the local one) has none here.
    /// </summary>
    Task<IReadOnlyList<DeadLetter>> ListDeadLetteredAsync(string customerCode, CancellationToken ct);

    /// <summary>Moves the messages of <see cref="ListDeadLetteredAsync"/> back into the customer's queue; returns those it moved.</summary>
    Task<IReadOnlyList<DeadLetter>> RedriveAsync(string customerCode, CancellationToken ct);
}

/// <summary>A message that can never be processed, kept with the reason.</summary>
public sealed record DeadLetter(string? CustomerCode, string MessageId, string Body, string Reason, DateTimeOffset At);

public interface IDeadLetterStore
{
    Task KeepAsync(DeadLetter letter, CancellationToken ct);

    Task<IReadOnlyList<DeadLetter>> ListAsync(string? customerCode, CancellationToken ct);

    /// <summary>
    /// One customer's dead letters naming the change (<see cref="Delivery.DeadLetters.ChangeIdOf"/>), oldest first; read
    /// without touching the customer's other letters (the delivery status polls this).
    /// </summary>
    Task<IReadOnlyList<DeadLetter>> ListForChangeAsync(string customerCode, string changeId, CancellationToken ct);

    /// <summary>Forgets a kept dead letter (after it was sent back to its queue); one that is gone already is not an error.</summary>
    Task RemoveAsync(DeadLetter letter, CancellationToken ct);
}
