using ChangeMgmt.Core.Delivery;
using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Tests.Delivery;

public sealed class VisibilityTests
{
    private static readonly TimeSpan Visibility = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_long_send_keeps_its_message_hidden_until_it_ends_and_then_deletes_it()
    {
        var clock = new ManualClock(new DateTimeOffset(2026, 11, 30, 14, 0, 0, TimeSpan.Zero));
        using var world = new DeliveryWorld(clock, "acme");
        await world.SeedAsync("acme", contacts: 1);
        await world.SubmittedChangeAsync("acme");
        var accounts = new FaultyAccounts(world.Adapters.SesAccounts) { SendGate = new(TaskCreationOptions.RunContinuationsAsynchronously) };
        var queue = new ExtendRecorder(world.Adapters.Queue);
        var (_, worker) = world.Engine(accounts, queue, Visibility);
        var message = Assert.Single(await world.Adapters.Queue.ReceiveAsync("acme", 1, Visibility, TimeSpan.Zero, default));

        var handling = worker.HandleAsync(message, DeliveryOptions.Send, default);
        await accounts.SendStarted.Task.WaitAsync(TimeSpan.FromSeconds(10));
        clock.Advance(Visibility / 2);
        await queue.Extended.Task.WaitAsync(TimeSpan.FromSeconds(10));
        clock.Advance(Visibility / 2 + TimeSpan.FromSeconds(1));

        Assert.Empty(await world.Adapters.Queue.ReceiveAsync("acme", 1, Visibility, TimeSpan.Zero, default));
        accounts.SendGate!.SetResult();
        Assert.IsType<MessageOutcome.Completed>(await handling);
        Assert.Equal(0, (await world.Adapters.Queue.CountAsync("acme", default)).Total);
    }

    /// <summary>The real queue, telling the test when the worker has extended a message's visibility.</summary>
    private sealed class ExtendRecorder(IChangeQueue inner) : IChangeQueue
    {
        public TaskCompletionSource Extended { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async Task ExtendVisibilityAsync(QueuedMessage message, TimeSpan visibilityTimeout, CancellationToken ct)
        {
            await inner.ExtendVisibilityAsync(message, visibilityTimeout, ct);
            Extended.TrySetResult();
        }

        public Task<IReadOnlyList<QueuedMessage>> ReceiveAsync(string customerCode, int maxMessages, TimeSpan visibilityTimeout, TimeSpan wait, CancellationToken ct) =>
            inner.ReceiveAsync(customerCode, maxMessages, visibilityTimeout, wait, ct);
        public Task DeleteAsync(QueuedMessage message, CancellationToken ct) => inner.DeleteAsync(message, ct);
        public Task<IReadOnlyList<QueuedMessage>> PeekAsync(string customerCode, int maxMessages, CancellationToken ct) => inner.PeekAsync(customerCode, maxMessages, ct);
        public Task ReleaseAsync(QueuedMessage message, string reason, CancellationToken ct) => inner.ReleaseAsync(message, reason, ct);
        public Task DeferAsync(QueuedMessage message, TimeSpan delay, CancellationToken ct) => inner.DeferAsync(message, delay, ct);
        public Task<string> SendAsync(string customerCode, string body, CancellationToken ct) => inner.SendAsync(customerCode, body, ct);
        public Task<int?> MaxReceivesAsync(string customerCode, CancellationToken ct) => inner.MaxReceivesAsync(customerCode, ct);
        public Task<IReadOnlyList<DeadLetter>> ListDeadLetteredAsync(string customerCode, CancellationToken ct) => inner.ListDeadLetteredAsync(customerCode, ct);
        public Task<IReadOnlyList<DeadLetter>> RedriveAsync(string customerCode, CancellationToken ct) => inner.RedriveAsync(customerCode, ct);
    }
}
