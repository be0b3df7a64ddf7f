using ChangeMgmt.Core.Delivery;
using ChangeMgmt.Core.Errors;
using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Tests.Delivery;

/// <summary>Once SES took a message, a failure to record it must never lead to sending it again.</summary>
public sealed class RecordingFailureTests : IDisposable
{
    private readonly DeliveryWorld world = new("acme");

    public void Dispose() => world.Dispose();

    [Fact]
    public async Task A_passing_ledger_failure_after_the_send_is_retried_and_recorded_as_sent()
    {
        await world.SeedAsync("acme", contacts: 1);
        var change = await world.SubmittedChangeAsync("acme");
        var ledger = new LedgerFailingMarkSent(world.Adapters.Ledger, failures: 2);
        var (processor, _) = world.Engine(ledger: ledger);
        var message = await world.TakeOneAsync("acme");

        var outcome = await processor.ProcessAsync("acme", message.MessageId, message.Body, DeliveryOptions.Send, default);

        Assert.IsType<MessageOutcome.Completed>(outcome);
        Assert.Equal(3, ledger.MarkSentCalls);
        Assert.Equal(DeliveryState.Sent, Assert.Single(await world.Adapters.Ledger.ListAsync(change.ChangeId, "acme", default)).State);
        Assert.Equal(1, await world.Adapters.Outbox.CountAsync("acme", null, default));
    }

    [Fact]
    public async Task A_send_that_cannot_be_recorded_is_never_marked_failed_nor_sent_again()
    {
        await world.SeedAsync("acme", contacts: 1);
        var change = await world.SubmittedChangeAsync("acme");
        var ledger = new LedgerFailingMarkSent(world.Adapters.Ledger, failures: int.MaxValue);
        var (processor, _) = world.Engine(ledger: ledger);
        var message = await world.TakeOneAsync("acme");

        var first = await processor.ProcessAsync("acme", message.MessageId, message.Body, DeliveryOptions.Send, default);
        var again = await processor.ProcessAsync("acme", message.MessageId, message.Body, DeliveryOptions.Send, default);

        Assert.Equal(1, Assert.Single(Assert.IsType<MessageOutcome.Completed>(first).Deliveries).Notifications.Single().Sent);
        Assert.IsType<MessageOutcome.Wait>(again);
        Assert.Equal(DeliveryState.Sending, Assert.Single(await world.Adapters.Ledger.ListAsync(change.ChangeId, "acme", default)).State);
        Assert.Equal(1, await world.Adapters.Outbox.CountAsync("acme", null, default));
    }

    /// <summary>The real ledger, except that recording a send fails the first N times.</summary>
    private sealed class LedgerFailingMarkSent(IDeliveryLedger inner, int failures) : IDeliveryLedger
    {
        private int calls;

        public int MarkSentCalls => Volatile.Read(ref calls);

        // Only deliveries to recipients fail; outcome records pass through.
        public Task MarkSentAsync(DeliveryKey key, string messageId, CancellationToken ct) =>
            !key.IsOutcome && Interlocked.Increment(ref calls) <= failures
                ? throw new ServiceException(ServiceErrorKind.Unavailable, "The ledger table is unavailable.")
                : inner.MarkSentAsync(key, messageId, ct);

        public Task<ClaimResult> TryClaimAsync(DeliveryKey key, string topic, TimeSpan lease, CancellationToken ct) => inner.TryClaimAsync(key, topic, lease, ct);
        public Task MarkFailedAsync(DeliveryKey key, string error, CancellationToken ct) => inner.MarkFailedAsync(key, error, ct);
        public Task ReleaseAsync(DeliveryKey key, CancellationToken ct) => inner.ReleaseAsync(key, ct);
        public Task MarkContinuingAsync(DeliveryKey outcomeKey, string topic, int recipients, CancellationToken ct) => inner.MarkContinuingAsync(outcomeKey, topic, recipients, ct);
        public Task<DateTimeOffset> BookSendTimeAsync(string customerCode, DateTimeOffset earliest, TimeSpan length, CancellationToken ct) => inner.BookSendTimeAsync(customerCode, earliest, length, ct);
        public Task<IReadOnlyList<DeliveryRecord>> ListAsync(string changeId, string? customerCode, CancellationToken ct) => inner.ListAsync(changeId, customerCode, ct);
        public Task<IReadOnlyList<DeliveryRecord>> ListWithOutcomesAsync(string changeId, string? customerCode, CancellationToken ct) => inner.ListWithOutcomesAsync(changeId, customerCode, ct);
    }
}
