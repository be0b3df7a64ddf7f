using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Bench.SesEvents;

/// <summary>The ledger's outcomes, counting the conditional writes asked of it (each RecordAsync is one UPDATE at most).</summary>
internal sealed class CountingOutcomes(IDeliveryOutcomes inner) : IDeliveryOutcomes
{
    private long writes;

    public long Writes => Interlocked.Read(ref writes);

    public Task<FeedbackApplied> RecordAsync(DeliveryKey key, string messageId, RecipientFeedback feedback, CancellationToken ct)
    {
        Interlocked.Increment(ref writes);
        return inner.RecordAsync(key, messageId, feedback, ct);
    }

    public Task<OutcomeWindows> CountAsync(string customerCode, DateTimeOffset since, int lastSends, CancellationToken ct) =>
        inner.CountAsync(customerCode, since, lastSends, ct);

    public Task<IReadOnlyList<string>> ListUndeliveredChangesAsync(string? customerCode, CancellationToken ct) =>
        inner.ListUndeliveredChangesAsync(customerCode, ct);
}
