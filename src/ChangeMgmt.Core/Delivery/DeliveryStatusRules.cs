using ChangeMgmt.Core.Changes;
using ChangeMgmt.Core.Feedback;
using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Core.Delivery;

/// <summary>What the status of one customer of a change or announcement is read from (see <see cref="DeliveryStatusReader"/>).</summary>
public sealed record DeliveryEvidence(
    DeliverySubject Subject, string Code, IReadOnlyList<DeliveryRecord> Records, IReadOnlyList<DeliveryRecord> Outcomes, IReadOnlyList<DeadLetter> Letters,
    DeliveryAttempt? Attempt, StoredObject? Trigger, TriggerFailure? TriggerFailure)
{
    /// <summary>Nothing written for the customer yet (a draft).</summary>
    public static DeliveryEvidence None(DeliverySubject subject, string code) => new(subject, code, [], [], [], null, null, null);
}

/// <summary>
/// Per customer, for the current version, the first that holds:
/// <list type="number">
/// <item>sent: every notification that was processed recorded its outcome, and every ledger record is Sent
/// (at least one record or outcome; none when nobody subscribes). A later success wins over every earlier failure.</item>
/// <item>retrying / failed: the last failed attempt (<see cref="DeliveryAttempts"/>): "retrying, attempt 3 of 5: reason",
/// failed once it was the last receive the queue allows (the message is dead-lettered).</item>
/// <item>failed: a record Failed, a notification that could not be processed, a dead letter naming the change
/// since this version.</item>
/// <item>sending (some records), queued (the trigger of this version is written), failed (the trigger could not
/// be written), pending (a draft, or nothing written yet).</item>
/// </list>
/// </summary>
public static class DeliveryStatusRules
{
    public static CustomerDeliveryStatus Of(DeliveryEvidence e)
    {
        var failed = e.Records.Where(r => r.State == DeliveryState.Failed).OrderByDescending(r => r.UpdatedAt).ToList();
        var (state, error) = StateOf(e, failed.FirstOrDefault());
        return new(e.Subject.Id, e.Subject.Version, e.Code, state, e.Records.Count(r => r.State == DeliveryState.Sent), failed.Count, Total(e),
            e.Letters.Count, error, UpdatedAt(e), WithoutRecipients(e), OutcomesOf(e.Records), ProblemsOf(e.Records));
    }

    /// <summary>The most problem recipients a status lists; at tens of thousands of contacts a mass bounce must not make /status huge.</summary>
    public const int MaxProblems = 50;

    private static DeliveryOutcomeCounts OutcomesOf(IReadOnlyList<DeliveryRecord> records)
    {
        var c = OutcomeCounts.Of([.. records.Where(r => r.State == DeliveryState.Sent).Select(r => r.Outcome)]);
        var bounced = c.BouncedPermanent + c.BouncedTransient;
        return new(c.Delivered, bounced, c.Complained, c.Rejected, c.Sent - c.Delivered - bounced - c.Complained - c.Rejected);
    }

    private static List<RecipientProblem> ProblemsOf(IReadOnlyList<DeliveryRecord> records) =>
    [
        .. records
            .Where(r => r.State == DeliveryState.Failed || r.Outcome is { } o && (RecipientOutcomes.IsUndelivered(o) || o == RecipientOutcome.Complained))
            .Select(r => r.State == DeliveryState.Failed
                ? new RecipientProblem(r.Key.Recipient, r.Key.Kind, r.State, null, r.Error, r.UpdatedAt)
                : new RecipientProblem(r.Key.Recipient, r.Key.Kind, r.State, r.Outcome, r.OutcomeDetail, r.OutcomeAt))
            .OrderByDescending(p => p.At)
            .Take(MaxProblems),
    ];

    private static (CustomerDeliveryState, string?) StateOf(DeliveryEvidence e, DeliveryRecord? failed)
    {
        var unprocessed = e.Outcomes.Where(o => o.State == DeliveryState.Failed).OrderByDescending(o => o.UpdatedAt).FirstOrDefault();
        return e switch
        {
            _ when Delivered(e) => (CustomerDeliveryState.Sent, null),
            { Attempt: { } a } => (a.Exhausted ? CustomerDeliveryState.Failed : CustomerDeliveryState.Retrying, a.Text),
            _ when failed is not null => (CustomerDeliveryState.Failed, failed.Error),
            _ when unprocessed is not null => (CustomerDeliveryState.Failed, unprocessed.Error),
            { Letters: [.., var last] } => (CustomerDeliveryState.Failed, last.Reason),
            _ when e.Records.Count > 0 => (CustomerDeliveryState.Sending, null),
            { Trigger: not null } => (CustomerDeliveryState.Queued, null),
            { TriggerFailure: { } t } => (CustomerDeliveryState.Failed, $"The trigger could not be written: {t.Error}"),
            _ => (CustomerDeliveryState.Pending, null),
        };
    }

    private static DateTimeOffset? UpdatedAt(DeliveryEvidence e) =>
        e.Records.Concat(e.Outcomes).Select(r => (DateTimeOffset?)r.UpdatedAt).Concat(e.Letters.Select(l => (DateTimeOffset?)l.At))
            .Append(e.Attempt?.At).Append(e.Trigger?.LastModified).Append(e.TriggerFailure?.At).Max();

    private static List<string> WithoutRecipients(DeliveryEvidence e) =>
        [.. e.Outcomes.Where(o => o.State == DeliveryState.Sent && !e.Records.Any(r => r.Key.Kind == o.Key.Kind)).Select(o => o.Topic).Distinct()];

    /// <summary>Notifications a deadline cut short, whose continuation is pending: their outcome records carry the number of recipients.</summary>
    private static IEnumerable<DeliveryRecord> Continuing(DeliveryEvidence e) =>
        e.Outcomes.Where(o => o.State == DeliveryState.Sending && o.Recipients is not null);

    /// <summary>The ledger's records, and of a continued notification all its recipients, also those not reached yet ("sending N of all").</summary>
    private static int Total(DeliveryEvidence e) =>
        e.Records.Count + Continuing(e).Sum(o => Math.Max(0, o.Recipients!.Value - e.Records.Count(r => r.Key.Kind == o.Key.Kind)));

    /// <summary>Every record sent and every notification with records (or none, to nobody) processed, without a failure.</summary>
    private static bool Delivered(DeliveryEvidence e) =>
        (e.Records.Count > 0 || e.Outcomes.Count > 0)
        && e.Records.All(r => r.State == DeliveryState.Sent)
        && e.Outcomes.All(o => o.State == DeliveryState.Sent)
        && e.Records.Select(r => r.Key.Kind).Distinct().All(kind => e.Outcomes.Any(o => o.Key.Kind == kind));
}
