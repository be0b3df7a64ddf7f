using ChangeMgmt.Core.Changes;
using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Core.Delivery;

/// <summary>
/// The one reader of per-customer delivery status, for /status and Get-ChangeDeliveryStatus alike: one ledger read
/// for the change, then per customer of the change its trigger, failed attempt, trigger failure and the dead letters
/// naming this change (<see cref="IDeadLetterStore.ListForChangeAsync"/>: no other customer's, no other change's).
/// The rules are <see cref="DeliveryStatusRules"/>.
/// </summary>
public sealed class DeliveryStatusReader(IDeliveryLedger ledger, IDeadLetterStore deadLetters, IObjectStore store)
{
    public async Task<IReadOnlyList<CustomerDeliveryStatus>> ReadAsync(Change change, CancellationToken ct)
    {
        if (change.Status is ChangeStatus.Draft or ChangeStatus.Rejected)
            return [.. change.Customers.Select(code => DeliveryStatusRules.Of(DeliveryEvidence.None(change, code)))];
        var all = (await ledger.ListWithOutcomesAsync(change.ChangeId, null, ct)).Where(r => r.Key.Version == change.Version).ToLookup(r => r.Key.IsOutcome);
        return await Task.WhenAll(change.Customers.Select(async code => DeliveryStatusRules.Of(new DeliveryEvidence(
            change,
            code,
            [.. all[false].Where(r => r.Key.CustomerCode == code)],
            [.. all[true].Where(r => r.Key.CustomerCode == code)],
            await LettersAsync(code, change, ct),
            await AttemptAsync(code, change, ct),
            await TriggerAsync(code, change, ct),
            await TriggerFailures.FindAsync(store, change.ChangeId, code, ct)))));
    }

    /// <summary>The customer's trigger object, if it holds the current version.</summary>
    private async Task<StoredObject?> TriggerAsync(string code, Change change, CancellationToken ct)
    {
        var stored = await store.GetAsync(StorageLayout.CustomerTrigger(code, change.ChangeId), ct);
        return stored is not null && ChangeJson.Deserialize(stored.Content, stored.Key).Version == change.Version ? stored : null;
    }

    /// <summary>The last failed attempt, if it was at this version (or, read before the change was, since this version was written).</summary>
    private async Task<DeliveryAttempt?> AttemptAsync(string code, Change change, CancellationToken ct) =>
        await DeliveryAttempts.FindAsync(store, change.ChangeId, code, ct) is { } attempt
        && (attempt.Version == change.Version || attempt.Version is null && attempt.At >= change.ModifiedAt)
            ? attempt
            : null;

    /// <summary>This customer's dead letters naming the change since this version was written, oldest first.</summary>
    private async Task<List<DeadLetter>> LettersAsync(string code, Change change, CancellationToken ct) =>
        [.. (await deadLetters.ListForChangeAsync(code, change.ChangeId, ct)).Where(l => l.At >= change.ModifiedAt)];
}
