using ChangeMgmt.Core.Changes;
using ChangeMgmt.Core.Delivery;
using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Tests.Delivery;

/// <summary>
/// Every failed attempt leaves its receive number and reason where the status reads it; the last one reads
/// failed, the dead letter is listed with that reason and redriven; a later success clears every failure.
/// </summary>
public sealed class DeliveryAttemptTests : IDisposable
{
    // The clock moves only when told: each attempt sends at most one email, so the rate pacer never waits on it.
    private readonly ManualClock clock = new();
    private readonly DeliveryWorld world;

    public DeliveryAttemptTests() => world = new DeliveryWorld(clock, "acme", "globex");

    public void Dispose() => world.Dispose();

    [Fact]
    public async Task A_failed_attempt_reads_retrying_with_its_number_and_reason_and_a_later_success_reads_sent()
    {
        await world.SeedAsync("globex", contacts: 1);
        var change = await world.SubmittedChangeAsync("globex");
        var (_, broken) = world.Engine(new FaultyAccounts(world.Adapters.SesAccounts, brokenCustomer: "globex"));

        Assert.IsType<MessageOutcome.Retry>(await broken.HandleAsync(await world.TakeOneAsync("globex"), DeliveryOptions.Send, default));
        clock.Advance(RedeliveryDelay.After(1));
        Assert.IsType<MessageOutcome.Retry>(await broken.HandleAsync(await world.TakeOneAsync("globex"), DeliveryOptions.Send, default));

        var retrying = await StatusAsync(change, "globex");
        Assert.Equal(CustomerDeliveryState.Retrying, retrying.State);
        Assert.Equal("retrying, attempt 2 of 5: globex: AssumeRole was denied.", retrying.Error);

        clock.Advance(RedeliveryDelay.After(2));
        var (_, healthy) = world.Engine();
        Assert.IsType<MessageOutcome.Completed>(await healthy.HandleAsync(await world.TakeOneAsync("globex"), DeliveryOptions.Send, default));

        var sent = await StatusAsync(change, "globex");
        Assert.Equal((CustomerDeliveryState.Sent, 1, null), (sent.State, sent.Sent, sent.Error));
        Assert.Null(await DeliveryAttempts.FindAsync(world.Adapters.Objects, change.ChangeId, "globex", default));
    }

    [Fact]
    public async Task The_last_attempt_reads_failed_the_dead_letter_keeps_its_reason_and_a_redrive_after_recovery_reads_sent()
    {
        await world.SeedAsync("globex", contacts: 1);
        var change = await world.SubmittedChangeAsync("globex");
        var (_, broken) = world.Engine(new FaultyAccounts(world.Adapters.SesAccounts, brokenCustomer: "globex"));
        for (var receive = 1; receive <= world.Adapters.Queue.MaxReceiveCount; receive++)
        {
            Assert.IsType<MessageOutcome.Retry>(await broken.HandleAsync(await world.TakeOneAsync("globex"), DeliveryOptions.Send, default));
            clock.Advance(RedeliveryDelay.After(receive));
        }

        var failed = await StatusAsync(change, "globex");
        Assert.Equal(CustomerDeliveryState.Failed, failed.State);
        Assert.Equal("failed, attempt 5 of 5 (the last; the message is dead-lettered): globex: AssumeRole was denied.", failed.Error);
        Assert.Empty(await world.Adapters.Queue.ReceiveAsync("globex", 10, TimeSpan.FromMinutes(5), TimeSpan.Zero, default));
        var deadLetters = new DeadLetters(world.Adapters.Queue, world.Adapters.DeadLetters, world.Adapters.Objects);
        var letter = Assert.Single(await deadLetters.ListAsync(["acme", "globex"], change.ChangeId, default));
        Assert.Equal(("globex", change.ChangeId, DeadLetters.KeptLocation), (letter.CustomerCode, letter.ChangeId, letter.Location));
        Assert.Contains("AssumeRole was denied", letter.Reason, StringComparison.Ordinal);

        var redriven = await deadLetters.RedriveAsync("globex", default);

        Assert.Equal(("globex", 1, change.ChangeId), (redriven.CustomerCode, redriven.Redriven, Assert.Single(redriven.ChangeIds)));
        Assert.Empty(await deadLetters.ListAsync(["globex"], null, default));
        Assert.Equal(CustomerDeliveryState.Queued, (await StatusAsync(change, "globex")).State);
        var (_, healthy) = world.Engine();
        var again = await world.TakeOneAsync("globex");
        Assert.Equal(1, again.ReceiveCount);
        Assert.IsType<MessageOutcome.Completed>(await healthy.HandleAsync(again, DeliveryOptions.Send, default));
        var sent = await StatusAsync(change, "globex");
        Assert.Equal((CustomerDeliveryState.Sent, 1), (sent.State, sent.Sent));
    }

    [Fact]
    public async Task A_message_whose_recipients_a_crashed_process_holds_waits_for_the_lease_without_using_a_receive()
    {
        await world.SeedAsync("acme", contacts: 2);
        var change = await world.SubmittedChangeAsync("acme");
        var lease = TimeSpan.FromMinutes(2);
        // The crashed process claimed one recipient and never sent.
        Assert.Equal(ClaimResult.Claimed, await world.Adapters.Ledger.TryClaimAsync(Key(change, DeliveryWorld.Recipient("acme", 0)), "aws-approval", lease, default));
        var (_, worker) = world.Engine();

        var waited = await worker.HandleAsync(await world.TakeOneAsync("acme"), DeliveryOptions.Send, default);

        Assert.Equal(lease, Assert.IsType<MessageOutcome.Wait>(waited).Delay);
        Assert.Equal(1, await world.Adapters.Outbox.CountAsync("acme", null, default));
        Assert.Equal(CustomerDeliveryState.Sending, (await StatusAsync(change, "acme")).State);
        clock.Advance(lease - TimeSpan.FromSeconds(1));
        Assert.Empty(await world.Adapters.Queue.ReceiveAsync("acme", 10, TimeSpan.FromMinutes(5), TimeSpan.Zero, default));
        clock.Advance(TimeSpan.FromSeconds(2));
        var again = await world.TakeOneAsync("acme");
        Assert.Equal(1, again.ReceiveCount);

        Assert.IsType<MessageOutcome.Completed>(await worker.HandleAsync(again, DeliveryOptions.Send, default));
        Assert.Equal(2, await world.Adapters.Outbox.CountAsync("acme", null, default));
        Assert.Equal(2, await world.Adapters.Outbox.CountDistinctRecipientsAsync(default));
        Assert.Equal(CustomerDeliveryState.Sent, (await StatusAsync(change, "acme")).State);
        Assert.Empty(await world.Adapters.DeadLetters.ListAsync(null, default));
    }

    [Fact]
    public async Task A_dead_letter_before_a_later_success_no_longer_reads_failed_and_other_customers_letters_are_not_read()
    {
        await world.SeedAsync("acme", contacts: 1);
        var change = await world.SubmittedChangeAsync("acme");
        var trigger = (await world.Adapters.Objects.GetAsync(StorageLayout.CustomerTrigger("acme", change.ChangeId), default))!;
        var body = """{"Records":[{"eventName":"ObjectCreated:Put","s3":{"bucket":{"name":"b"},"object":{"key":"KEY"}}}]}""".Replace("KEY", trigger.Key, StringComparison.Ordinal);
        await world.Adapters.DeadLetters.KeepAsync(new DeadLetter("acme", "m-spurious", body, "exceeded maxReceiveCount 5", clock.GetUtcNow()), default);
        var letters = new ListRecorder(world.Adapters.DeadLetters);
        Assert.Equal(CustomerDeliveryState.Failed, (await new DeliveryStatusReader(world.Adapters.Ledger, letters, world.Adapters.Objects).ReadAsync(change, default)).Single().State);

        clock.Advance(TimeSpan.FromSeconds(1));
        var (_, worker) = world.Engine();
        Assert.IsType<MessageOutcome.Completed>(await worker.HandleAsync(await world.TakeOneAsync("acme"), DeliveryOptions.Send, default));

        Assert.Equal(CustomerDeliveryState.Sent, (await new DeliveryStatusReader(world.Adapters.Ledger, letters, world.Adapters.Objects).ReadAsync(change, default)).Single().State);
        Assert.Equal(["acme"], letters.Customers.Distinct());
    }

    private async Task<CustomerDeliveryStatus> StatusAsync(Change change, string customer) =>
        (await new DeliveryStatusReader(world.Adapters.Ledger, world.Adapters.DeadLetters, world.Adapters.Objects).ReadAsync(change, default)).Single(s => s.Customer == customer);

    private static DeliveryKey Key(Change change, string recipient) =>
        new("acme", change.ChangeId, NotificationKind.ApprovalRequest, change.Version, recipient);

    /// <summary>The real store, noting which customers' letters were read (null: everyone's).</summary>
    private sealed class ListRecorder(IDeadLetterStore inner) : IDeadLetterStore
    {
        public List<string?> Customers { get; } = [];
        public Task KeepAsync(DeadLetter letter, CancellationToken ct) => inner.KeepAsync(letter, ct);
        public Task RemoveAsync(DeadLetter letter, CancellationToken ct) => inner.RemoveAsync(letter, ct);
        public Task<IReadOnlyList<DeadLetter>> ListAsync(string? customerCode, CancellationToken ct)
        {
            lock (Customers) Customers.Add(customerCode);
            return inner.ListAsync(customerCode, ct);
        }

        public Task<IReadOnlyList<DeadLetter>> ListForChangeAsync(string customerCode, string changeId, CancellationToken ct)
        {
            lock (Customers) Customers.Add(customerCode);
            return inner.ListForChangeAsync(customerCode, changeId, ct);
        }
    }
}
