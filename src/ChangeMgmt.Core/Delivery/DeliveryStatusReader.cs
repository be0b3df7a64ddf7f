using ChangeMgmt.Core.Changes;
using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Core.Delivery;

/// <summary>
/// The one reader of per-customer delivery status, for /status and Get-ChangeDeliveryStatus alike: one ledger read
/// for the change, then per customer of the change its trigger, failed attempt, trigger failure and the dead letters
/// naming this change (<see cref="IDeadLetterStore.ListForChangeAsync"/>: no other customer's, no other change's).
/// A change and an announcement are read alike (<see cref="DeliverySubject"/>): the ledger, attempts and letters key both by id.
/// The rules are <see cref="DeliveryStatusRules"/>.
/// </summary>
public sealed class DeliveryStatusReader(IDeliveryLedger ledger, IDeadLetterStore deadLetters, IObjectStore store)
{
    public Task<IReadOnlyList<CustomerDeliveryStatus>> ReadAsync(Change change, CancellationToken ct) => ReadAsync(DeliverySubject.Of(change), ct);

    public async Task<IReadOnlyList<CustomerDeliveryStatus>> ReadAsync(DeliverySubject subject, CancellationToken ct)
    {
        if (subject.Unsent)
            return [.. subject.Customers.Select(code => DeliveryStatusRules.Of(DeliveryEvidence.None(subject, code)))];
        var all = (await ledger.ListWithOutcomesAsync(subject.Id, null, ct)).Where(r => r.Key.Version == subject.Version).ToLookup(r => r.Key.IsOutcome);
        return await Task.WhenAll(subject.Customers.Select(async code => DeliveryStatusRules.Of(new DeliveryEvidence(
            subject,
            code,
            [.. all[false].Where(r => r.Key.CustomerCode == code)],
            [.. all[true].Where(r => r.Key.CustomerCode == code)],
            await LettersAsync(code, subject, ct),
            await AttemptAsync(code, subject, ct),
            await TriggerAsync(code, subject, ct),
            await TriggerFailures.FindAsync(store, subject.Id, code, ct)))));
    }

    /// <summary>The customer's trigger object, if it holds the current version.</summary>
    private async Task<StoredObject?> TriggerAsync(string code, DeliverySubject subject, CancellationToken ct)
    {
        var stored = await store.GetAsync(StorageLayout.CustomerTrigger(code, subject.Id), ct);
        return stored is not null && DeliverySubject.VersionOf(stored) == subject.Version ? stored : null;
    }

    /// <summary>The last failed attempt, if it was at this version (or, read before the change was, since this version was written).</summary>
    private async Task<DeliveryAttempt?> AttemptAsync(string code, DeliverySubject subject, CancellationToken ct) =>
        await DeliveryAttempts.FindAsync(store, subject.Id, code, ct) is { } attempt
        && (attempt.Version == subject.Version || attempt.Version is null && attempt.At >= subject.ModifiedAt)
            ? attempt
            : null;

    /// <summary>This customer's dead letters naming the change since this version was written, oldest first.</summary>
    private async Task<List<DeadLetter>> LettersAsync(string code, DeliverySubject subject, CancellationToken ct) =>
        [.. (await deadLetters.ListForChangeAsync(code, subject.Id, ct)).Where(l => l.At >= subject.ModifiedAt)];
}
