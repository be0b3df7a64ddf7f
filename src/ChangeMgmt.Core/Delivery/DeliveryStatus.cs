using System.Text.Json.Serialization;
using ChangeMgmt.Core.Changes;
using ChangeMgmt.Core.Messages;
using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Core.Delivery;

[JsonConverter(typeof(JsonStringEnumConverter<CustomerDeliveryState>))]
public enum CustomerDeliveryState
{
    [JsonStringEnumMemberName("pending")] Pending,
    [JsonStringEnumMemberName("queued")] Queued,
    [JsonStringEnumMemberName("sending")] Sending,
    [JsonStringEnumMemberName("retrying")] Retrying,
    [JsonStringEnumMemberName("sent")] Sent,
    [JsonStringEnumMemberName("failed")] Failed,
}

/// <summary>
/// Where one customer's notifications of the change's current version are. <see cref="TopicsWithoutRecipients"/>:
/// the topics of notifications processed with nobody to send to (nobody subscribed, or every subscriber suppressed):
/// "sent 0 of 0" there means nobody was told.
/// </summary>
public sealed record CustomerDeliveryStatus(
    string Customer, CustomerDeliveryState State, int Sent, int Failed, int Total, string? Error, DateTimeOffset? UpdatedAt,
    IReadOnlyList<string>? TopicsWithoutRecipients = null);

/// <summary>
/// Per customer, for the current version, the first that holds:
/// <list type="number">
/// <item>sent: every notification that was processed recorded its outcome, and every ledger record is Sent
/// (at least one record or outcome; none when nobody subscribes). A later success wins over every earlier failure.</item>
/// <item>retrying / failed: the last failed attempt (<see cref="DeliveryAttempts"/>): "retrying, attempt 3 of 5: reason",
/// failed once it was the last receive the queue allows (the message is dead-lettered).</item>
/// <item>failed: a record Failed, a notification that could not be processed, a dead letter naming the change
/// since this version (from this customer's dead letters only).</item>
/// <item>sending (some records), queued (the trigger of this version is written), failed (the trigger could not
/// be written), pending (a draft, or nothing written yet).</item>
/// </list>
/// </summary>
public static class DeliveryStatus
{
    public static async Task<IReadOnlyList<CustomerDeliveryStatus>> ReadAsync(
        Change change, IDeliveryLedger ledger, IDeadLetterStore deadLetters, IObjectStore store, CancellationToken ct)
    {
        if (change.Status is ChangeStatus.Draft or ChangeStatus.Rejected)
            return [.. change.Customers.Select(code => new CustomerDeliveryStatus(code, CustomerDeliveryState.Pending, 0, 0, 0, null, null))];
        var all = (await ledger.ListWithOutcomesAsync(change.ChangeId, null, ct)).Where(r => r.Key.Version == change.Version).ToLookup(r => r.Key.IsOutcome);
        var (records, outcomes) = (all[false].ToList(), all[true].ToList());
        return await Task.WhenAll(change.Customers.Select(async code => Of(
            new Evidence(
                code,
                [.. records.Where(r => r.Key.CustomerCode == code)],
                [.. outcomes.Where(r => r.Key.CustomerCode == code)],
                await LetterAsync(deadLetters, code, change, ct),
                await AttemptAsync(store, code, change, ct),
                await TriggerAsync(store, code, change, ct),
                await TriggerFailures.FindAsync(store, change.ChangeId, code, ct)))));
    }

    private static CustomerDeliveryStatus Of(Evidence e)
    {
        var sent = e.Records.Count(r => r.State == DeliveryState.Sent);
        var failed = e.Records.Where(r => r.State == DeliveryState.Failed).OrderByDescending(r => r.UpdatedAt).ToList();
        var unprocessed = e.Outcomes.Where(o => o.State == DeliveryState.Failed).OrderByDescending(o => o.UpdatedAt).FirstOrDefault();
        var updated = e.Records.Concat(e.Outcomes).Select(r => (DateTimeOffset?)r.UpdatedAt)
            .Append(e.Letter?.At).Append(e.Attempt?.At).Append(e.Trigger?.LastModified).Append(e.TriggerFailure?.At).Max();
        var (state, error) = e switch
        {
            _ when Delivered(e) => (CustomerDeliveryState.Sent, null),
            { Attempt: { } a } => (a.Exhausted ? CustomerDeliveryState.Failed : CustomerDeliveryState.Retrying, a.Text),
            _ when failed.Count > 0 => (CustomerDeliveryState.Failed, failed[0].Error),
            _ when unprocessed is not null => (CustomerDeliveryState.Failed, unprocessed.Error),
            { Letter: { } l } => (CustomerDeliveryState.Failed, l.Reason),
            _ when e.Records.Count > 0 => (CustomerDeliveryState.Sending, null),
            { Trigger: not null } => (CustomerDeliveryState.Queued, null),
            { TriggerFailure: { } t } => (CustomerDeliveryState.Failed, $"The trigger could not be written: {t.Error}"),
            _ => (CustomerDeliveryState.Pending, (string?)null),
        };
        return new(e.Code, state, sent, failed.Count, Total(e), error, updated, WithoutRecipients(e));
    }

    private static List<string> WithoutRecipients(Evidence e) =>
        [.. e.Outcomes.Where(o => o.State == DeliveryState.Sent && !e.Records.Any(r => r.Key.Kind == o.Key.Kind)).Select(o => o.Topic).Distinct()];

    /// <summary>Notifications a deadline cut short, whose continuation is pending: their outcome records carry the number of recipients.</summary>
    private static IEnumerable<DeliveryRecord> Continuing(Evidence e) =>
        e.Outcomes.Where(o => o.State == DeliveryState.Sending && o.Recipients is not null);

    /// <summary>The ledger's records, and of a continued notification all its recipients, also those not reached yet ("sending N of all").</summary>
    private static int Total(Evidence e) =>
        e.Records.Count + Continuing(e).Sum(o => Math.Max(0, o.Recipients!.Value - e.Records.Count(r => r.Key.Kind == o.Key.Kind)));

    /// <summary>Every record sent and every notification with records (or none, to nobody) processed, without a failure.</summary>
    private static bool Delivered(Evidence e) =>
        (e.Records.Count > 0 || e.Outcomes.Count > 0)
        && e.Records.All(r => r.State == DeliveryState.Sent)
        && e.Outcomes.All(o => o.State == DeliveryState.Sent)
        && e.Records.Select(r => r.Key.Kind).Distinct().All(kind => e.Outcomes.Any(o => o.Key.Kind == kind));

    /// <summary>The customer's trigger object, if it holds the current version.</summary>
    private static async Task<StoredObject?> TriggerAsync(IObjectStore store, string code, Change change, CancellationToken ct)
    {
        var stored = await store.GetAsync(StorageLayout.CustomerTrigger(code, change.ChangeId), ct);
        return stored is not null && ChangeJson.Deserialize(stored.Content, stored.Key).Version == change.Version ? stored : null;
    }

    /// <summary>The last failed attempt, if it was at this version (or, read before the change was, since this version was written).</summary>
    private static async Task<DeliveryAttempt?> AttemptAsync(IObjectStore store, string code, Change change, CancellationToken ct) =>
        await DeliveryAttempts.FindAsync(store, change.ChangeId, code, ct) is { } attempt
        && (attempt.Version == change.Version || attempt.Version is null && attempt.At >= change.ModifiedAt)
            ? attempt
            : null;

    /// <summary>This customer's latest dead letter naming the change since this version was written.</summary>
    private static async Task<DeadLetter?> LetterAsync(IDeadLetterStore deadLetters, string code, Change change, CancellationToken ct) =>
        (await deadLetters.ListAsync(code, ct)).LastOrDefault(l => l.At >= change.ModifiedAt && Names(l, change.ChangeId));

    private static bool Names(DeadLetter letter, string changeId) =>
        ChangeMessageParser.Parse(letter.Body) is ParsedMessage.Triggers triggers && triggers.Items.Any(t => t.ChangeId == changeId);

    private sealed record Evidence(
        string Code, List<DeliveryRecord> Records, List<DeliveryRecord> Outcomes, DeadLetter? Letter, DeliveryAttempt? Attempt,
        StoredObject? Trigger, TriggerFailure? TriggerFailure);
}
