using System.Text.Json.Serialization;
using ChangeMgmt.Core.Changes;
using ChangeMgmt.Core.Messages;
using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Lambda.Endpoints;

[JsonConverter(typeof(JsonStringEnumConverter<CustomerDeliveryState>))]
public enum CustomerDeliveryState
{
    [JsonStringEnumMemberName("pending")] Pending,
    [JsonStringEnumMemberName("queued")] Queued,
    [JsonStringEnumMemberName("sending")] Sending,
    [JsonStringEnumMemberName("sent")] Sent,
    [JsonStringEnumMemberName("failed")] Failed,
}

/// <summary>Where one customer's notifications of the change's current version are.</summary>
public sealed record CustomerDeliveryStatus(string Customer, CustomerDeliveryState State, int Sent, int Failed, int Total, string? Error, DateTimeOffset? UpdatedAt);

/// <summary>
/// Per customer, for the current version: pending (a draft, or nothing written yet), queued (the
/// trigger of this version is written, nothing processed yet), sending (also while a continuation is pending:
/// sent of all the notification's recipients), sent (every ledger record of
/// this version Sent, at least one; or processed with no subscriber to send to), failed (a record
/// Failed, a notification that could not be processed, a dead letter for the change and customer
/// since this version, or a trigger that could not be written).
/// </summary>
public static class DeliveryStatus
{
    public static async Task<IReadOnlyList<CustomerDeliveryStatus>> ReadAsync(
        Change change, IDeliveryLedger ledger, IDeadLetterStore deadLetters, IObjectStore store, CancellationToken ct)
    {
        if (change.Status == ChangeStatus.Draft)
            return [.. change.Customers.Select(code => new CustomerDeliveryStatus(code, CustomerDeliveryState.Pending, 0, 0, 0, null, null))];
        var all = (await ledger.ListWithOutcomesAsync(change.ChangeId, null, ct)).Where(r => r.Key.Version == change.Version).ToLookup(r => r.Key.IsOutcome);
        var (records, outcomes) = (all[false].ToList(), all[true].ToList());
        var letters = (await deadLetters.ListAsync(null, ct)).Where(l => l.At >= change.ModifiedAt && Names(l, change.ChangeId)).ToList();
        return await Task.WhenAll(change.Customers.Select(async code => Of(
            code,
            [.. records.Where(r => r.Key.CustomerCode == code)],
            [.. outcomes.Where(r => r.Key.CustomerCode == code)],
            letters.FirstOrDefault(l => l.CustomerCode == code),
            await TriggerAsync(store, code, change, ct),
            await TriggerFailures.FindAsync(store, change.ChangeId, code, ct))));
    }

    private static CustomerDeliveryStatus Of(string code, List<DeliveryRecord> records, List<DeliveryRecord> outcomes, DeadLetter? letter, StoredObject? trigger, TriggerFailure? triggerFailure)
    {
        var sent = records.Count(r => r.State == DeliveryState.Sent);
        var failed = records.Where(r => r.State == DeliveryState.Failed).OrderByDescending(r => r.UpdatedAt).ToList();
        var unprocessed = outcomes.Where(o => o.State == DeliveryState.Failed).OrderByDescending(o => o.UpdatedAt).FirstOrDefault();
        var updated = records.Concat(outcomes).Select(r => (DateTimeOffset?)r.UpdatedAt).Append(letter?.At).Append(trigger?.LastModified).Append(triggerFailure?.At).Max();
        var (state, error) = (failed, letter, triggerFailure) switch
        {
            ({ Count: > 0 }, _, _) => (CustomerDeliveryState.Failed, failed[0].Error),
            _ when unprocessed is not null => (CustomerDeliveryState.Failed, unprocessed.Error),
            (_, { } l, _) => (CustomerDeliveryState.Failed, l.Reason),
            _ when Continuing(outcomes).Any() => (CustomerDeliveryState.Sending, null),
            _ when records.Count > 0 => (sent == records.Count ? CustomerDeliveryState.Sent : CustomerDeliveryState.Sending, null),
            // Processed, with no subscriber of the notification's topic to send to.
            _ when outcomes.Count > 0 && outcomes.All(o => o.State == DeliveryState.Sent) => (CustomerDeliveryState.Sent, null),
            _ when trigger is not null => (CustomerDeliveryState.Queued, null),
            (_, _, { } t) => (CustomerDeliveryState.Failed, $"The trigger could not be written: {t.Error}"),
            _ => (CustomerDeliveryState.Pending, (string?)null),
        };
        return new(code, state, sent, failed.Count, Total(records, outcomes), error, updated);
    }

    /// <summary>Notifications a deadline cut short, whose continuation is pending: their outcome records carry the number of recipients.</summary>
    private static IEnumerable<DeliveryRecord> Continuing(List<DeliveryRecord> outcomes) =>
        outcomes.Where(o => o.State == DeliveryState.Sending && o.Recipients is not null);

    /// <summary>The ledger's records, and of a continued notification all its recipients, also those not reached yet.</summary>
    private static int Total(List<DeliveryRecord> records, List<DeliveryRecord> outcomes) =>
        records.Count + Continuing(outcomes).Sum(o => Math.Max(0, o.Recipients!.Value - records.Count(r => r.Key.Kind == o.Key.Kind)));

    /// <summary>The customer's trigger object, if it holds the current version.</summary>
    private static async Task<StoredObject?> TriggerAsync(IObjectStore store, string code, Change change, CancellationToken ct)
    {
        var stored = await store.GetAsync(StorageLayout.CustomerTrigger(code, change.ChangeId), ct);
        return stored is not null && ChangeJson.Deserialize(stored.Content, stored.Key).Version == change.Version ? stored : null;
    }

    private static bool Names(DeadLetter letter, string changeId) =>
        ChangeMessageParser.Parse(letter.Body) is ParsedMessage.Triggers triggers && triggers.Items.Any(t => t.ChangeId == changeId);
}
