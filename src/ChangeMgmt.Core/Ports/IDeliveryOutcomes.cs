using ChangeMgmt.Core.Feedback;

namespace ChangeMgmt.Core.Ports;

/// <summary>What SES told about one recipient of one message: the outcome the event stands for, when, and the remote words (bounce subtype and diagnostic, feedback type, reject reason).</summary>
public sealed record RecipientFeedback(RecipientOutcome Outcome, DateTimeOffset At, string? Detail);

/// <summary>
/// What recording feedback did. Changed: the outcome moved (the caller acts on it, once). Unchanged: the record already
/// had this outcome or a stronger one (a repeat or a late event). NotRecorded: no record of this key carries the message id
/// (yet: SES's Send event may arrive before the send is marked; or never: another sender's message with our tags).
/// </summary>
public enum FeedbackApplied { Changed, Unchanged, NotRecorded }

/// <summary>Sends to recipients and what became of them, over some window.</summary>
public sealed record OutcomeCounts(int Sent, int Delivered, int BouncedPermanent, int BouncedTransient, int Complained, int Rejected, int Delayed)
{
    public static readonly OutcomeCounts None = new(0, 0, 0, 0, 0, 0, 0);

    /// <summary>The counts of sends whose outcomes are these (null: SES has said nothing yet).</summary>
    public static OutcomeCounts Of(IReadOnlyCollection<RecipientOutcome?> outcomes)
    {
        int Count(RecipientOutcome outcome) => outcomes.Count(o => o == outcome);
        return new(outcomes.Count, Count(RecipientOutcome.Delivered), Count(RecipientOutcome.BouncedPermanent), Count(RecipientOutcome.BouncedTransient),
            Count(RecipientOutcome.Complained), Count(RecipientOutcome.Rejected), Count(RecipientOutcome.Delayed));
    }

    /// <summary>Sent without a final outcome yet (accepted, delayed or bounced transiently).</summary>
    public int Pending => Math.Max(0, Sent - Delivered - BouncedPermanent - Complained - Rejected);
}

/// <summary>Counts over the sends since a time and over the last N sends of one customer.</summary>
public sealed record OutcomeWindows(OutcomeCounts Since, OutcomeCounts LastSends);

/// <summary>
/// The per-recipient outcomes on the delivery ledger's records (the same store: a record and its outcome are one item,
/// so recording feedback is one conditional write). An outcome only moves up <see cref="RecipientOutcomes"/>' ranks.
/// </summary>
public interface IDeliveryOutcomes
{
    /// <summary>
    /// Sets the outcome of the Sent record <paramref name="key"/> whose message id is <paramref name="messageId"/> when
    /// <see cref="RecipientOutcomes.Rank"/> of the new outcome is higher than the recorded one's (none counts lowest).
    /// </summary>
    Task<FeedbackApplied> RecordAsync(DeliveryKey key, string messageId, RecipientFeedback feedback, CancellationToken ct);

    /// <summary>
    /// The outcomes of the customer's sends to recipients since <paramref name="since"/> and of its last
    /// <paramref name="lastSends"/> sends (by the time each was sent), read through an index, never a scan.
    /// </summary>
    Task<OutcomeWindows> CountAsync(string customerCode, DateTimeOffset since, int lastSends, CancellationToken ct);

    /// <summary>The changes with a notice that did not reach someone (bounced, rejected or failed), for one customer or all.</summary>
    Task<IReadOnlyList<string>> ListUndeliveredChangesAsync(string? customerCode, CancellationToken ct);
}
