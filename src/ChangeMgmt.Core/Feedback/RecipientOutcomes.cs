namespace ChangeMgmt.Core.Feedback;

/// <summary>
/// The per-recipient outcome rules. Events arrive at least once and out of order (EventBridge is best effort),
/// so an outcome only moves to a stronger one: applying an event twice, or an older event late, changes nothing.
/// </summary>
public static class RecipientOutcomes
{
    /// <summary>The outcome after <paramref name="e"/>, for a recipient the event names.</summary>
    public static RecipientOutcome Next(RecipientOutcome current, SesEvent e) =>
        Of(e) is { } candidate && Rank(candidate) > Rank(current) ? candidate : current;

    /// <summary>The outcome an event alone stands for; null for events that say nothing about reaching the recipient (Subscription, Open, Click).</summary>
    public static RecipientOutcome? Of(SesEvent e) => e.Kind switch
    {
        SesEventKind.Send => RecipientOutcome.Accepted,
        SesEventKind.DeliveryDelay => RecipientOutcome.Delayed,
        SesEventKind.Delivery => RecipientOutcome.Delivered,
        // Undetermined counts as transient: SES suppresses only on Permanent, so we do not treat the address as dead either.
        SesEventKind.Bounce => e.BounceType == SesBounceType.Permanent ? RecipientOutcome.BouncedPermanent : RecipientOutcome.BouncedTransient,
        SesEventKind.Complaint => RecipientOutcome.Complained,
        // A rendering failure means SES sent nothing, as a reject does.
        SesEventKind.Reject or SesEventKind.RenderingFailure => RecipientOutcome.Rejected,
        _ => null,
    };

    /// <summary>Final: no later delivery event can change it (only a complaint, which outranks everything).</summary>
    public static bool IsFinal(RecipientOutcome outcome) => Rank(outcome) >= Rank(RecipientOutcome.Delivered);

    /// <summary>Did not reach the recipient: SES gave up (a transient bounce is sent once SES stops retrying) or never sent it.</summary>
    public static bool IsUndelivered(RecipientOutcome outcome) =>
        outcome is RecipientOutcome.BouncedPermanent or RecipientOutcome.BouncedTransient or RecipientOutcome.Rejected;

    /// <summary>
    /// A delay or a transient bounce is superseded by a delivery (SES retried and got through); a permanent bounce
    /// reported after a delivery wins (the receiving server accepted, then bounced); rejected and bounced-permanent
    /// never follow each other, so they share a rank and the first one stays; a complaint is the recipient's own
    /// word on a delivered message and outranks everything.
    /// </summary>
    public static int Rank(RecipientOutcome outcome) => outcome switch
    {
        RecipientOutcome.Accepted => 0,
        RecipientOutcome.Delayed => 1,
        RecipientOutcome.BouncedTransient => 2,
        RecipientOutcome.Delivered => 3,
        RecipientOutcome.BouncedPermanent or RecipientOutcome.Rejected => 4,
        RecipientOutcome.Complained => 5,
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, null),
    };
}
