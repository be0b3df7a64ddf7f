using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Aws.Tests.Support;

/// <summary>A ledger with nothing recorded: the status then rests on the bucket's objects alone.</summary>
internal sealed class EmptyLedger : IDeliveryLedger
{
    public Task<IReadOnlyList<DeliveryRecord>> ListWithOutcomesAsync(string changeId, string? customerCode, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<DeliveryRecord>>([]);

    public Task<IReadOnlyList<DeliveryRecord>> ListAsync(string changeId, string? customerCode, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<DeliveryRecord>>([]);

    public Task<ClaimResult> TryClaimAsync(DeliveryKey key, string topic, TimeSpan lease, CancellationToken ct) => throw new NotSupportedException();
    public Task MarkSentAsync(DeliveryKey key, string messageId, CancellationToken ct) => throw new NotSupportedException();
    public Task MarkFailedAsync(DeliveryKey key, string error, CancellationToken ct) => throw new NotSupportedException();
    public Task ReleaseAsync(DeliveryKey key, CancellationToken ct) => throw new NotSupportedException();
    public Task MarkContinuingAsync(DeliveryKey outcomeKey, string topic, int recipients, CancellationToken ct) => throw new NotSupportedException();
    public Task<DateTimeOffset> BookSendTimeAsync(string customerCode, DateTimeOffset earliest, TimeSpan length, CancellationToken ct) => throw new NotSupportedException();
}
