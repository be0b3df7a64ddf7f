using ChangeMgmt.Core.Delivery;
using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Tests.Delivery;

public sealed class DeliveryEngineTests : IDisposable
{
    private readonly DeliveryWorld world = new("acme", "globex", "initech");

    public void Dispose() => world.Dispose();

    [Fact]
    public async Task Two_workers_on_the_same_message_at_once_send_each_email_exactly_once()
    {
        await world.SeedAsync("acme", contacts: 60);
        var change = await world.SubmittedChangeAsync("acme");
        var message = await world.TakeOneAsync("acme");
        var (first, _) = world.Engine();
        var (second, _) = world.Engine();

        var outcomes = await RunUntilSettledAsync(first, second, message);

        Assert.All(outcomes, o => Assert.IsType<MessageOutcome.Completed>(o));
        Assert.Equal(60, await world.Adapters.Outbox.CountAsync("acme", null, default));
        Assert.Equal(60, await world.Adapters.Outbox.CountDistinctRecipientsAsync(default));
        var ledger = await world.Adapters.Ledger.ListAsync(change.ChangeId, "acme", default);
        Assert.Equal(60, ledger.Count(r => r.State == DeliveryState.Sent));
    }

    [Fact]
    public async Task The_same_message_processed_again_sends_nothing_more()
    {
        await world.SeedAsync("acme", contacts: 5);
        await world.SubmittedChangeAsync("acme");
        var message = await world.TakeOneAsync("acme");
        var (processor, _) = world.Engine();

        await processor.ProcessAsync("acme", message.MessageId, message.Body, DeliveryOptions.Send, default);
        var again = await processor.ProcessAsync("acme", message.MessageId, message.Body, DeliveryOptions.Send, default);

        var delivery = Assert.Single(Assert.IsType<MessageOutcome.Completed>(again).Deliveries);
        Assert.Equal(5, delivery.Notifications.Single().AlreadySent);
        Assert.Equal(0, delivery.Notifications.Single().Sent);
        Assert.Equal(5, await world.Adapters.Outbox.CountAsync("acme", null, default));
    }

    [Fact]
    public async Task Throttling_is_retried_with_backoff_and_nothing_is_dropped()
    {
        await world.SeedAsync("acme", contacts: 10);
        await world.SubmittedChangeAsync("acme");
        var accounts = new FaultyAccounts(world.Adapters.SesAccounts, throttleFirstSends: 6);
        var (_, worker) = world.Engine(accounts);

        Assert.Equal(1, await worker.DrainAsync("acme", DeliveryOptions.Send, default));

        Assert.Equal(6, accounts.ThrottledSends);
        Assert.Equal(6, world.Counters.Throttled);
        Assert.Equal(10, await world.Adapters.Outbox.CountDistinctRecipientsAsync(default));
        Assert.Equal(10, await world.Adapters.Outbox.CountAsync(null, null, default));
    }

    [Fact]
    public async Task A_failing_customer_is_retried_alone_while_the_others_are_delivered()
    {
        await world.SeedAsync("acme", contacts: 3);
        await world.SeedAsync("globex", contacts: 3);
        await world.SeedAsync("initech", contacts: 3);
        await world.SubmittedChangeAsync("acme", "globex", "initech");
        var (_, worker) = world.Engine(new FaultyAccounts(world.Adapters.SesAccounts, brokenCustomer: "globex"));

        var handled = await Task.WhenAll(new[] { "acme", "globex", "initech" }.Select(c => TakeAndHandleAsync(worker, c)));

        Assert.IsType<MessageOutcome.Completed>(handled[0]);
        Assert.Contains("AssumeRole was denied", Assert.IsType<MessageOutcome.Retry>(handled[1]).Description);
        Assert.IsType<MessageOutcome.Completed>(handled[2]);
        Assert.Equal(3, await world.Adapters.Outbox.CountAsync("acme", null, default));
        Assert.Equal(3, await world.Adapters.Outbox.CountAsync("initech", null, default));
        Assert.Equal(0, await world.Adapters.Outbox.CountAsync("globex", null, default));
        var globex = await world.Adapters.Queue.CountAsync("globex", default);
        Assert.Equal(1, globex.Total);
    }

    [Fact]
    public async Task A_dry_run_resolves_recipients_and_sends_nothing()
    {
        await world.SeedAsync("acme", contacts: 4);
        await world.SubmittedChangeAsync("acme");
        var message = await world.TakeOneAsync("acme");
        var (processor, _) = world.Engine();

        var outcome = await processor.ProcessAsync("acme", message.MessageId, message.Body, new DeliveryOptions(DryRun: true), default);

        var notification = Assert.Single(Assert.Single(Assert.IsType<MessageOutcome.Completed>(outcome).Deliveries).Notifications);
        Assert.Equal(4, notification.Recipients.Count);
        Assert.Equal(0, await world.Adapters.Outbox.CountAsync(null, null, default));
    }

    private async Task<MessageOutcome> TakeAndHandleAsync(QueueWorker worker, string customer) =>
        await worker.HandleAsync(await world.TakeOneAsync(customer), DeliveryOptions.Send, default);

    /// <summary>
    /// Both workers race; a worker that finds a send in progress elsewhere reports Wait, and the
    /// redelivery (run here at once) then finds it sent.
    /// </summary>
    private static async Task<MessageOutcome[]> RunUntilSettledAsync(ChangeMessageProcessor first, ChangeMessageProcessor second, QueuedMessage message)
    {
        var outcomes = await Task.WhenAll(
            Task.Run(() => first.ProcessAsync("acme", message.MessageId, message.Body, DeliveryOptions.Send, default)),
            Task.Run(() => second.ProcessAsync("acme", message.MessageId, message.Body, DeliveryOptions.Send, default)));
        for (var i = 0; i < outcomes.Length; i++)
            if (outcomes[i] is MessageOutcome.Retry or MessageOutcome.Wait)
                outcomes[i] = await (i == 0 ? first : second).ProcessAsync("acme", message.MessageId, message.Body, DeliveryOptions.Send, default);
        return outcomes;
    }
}
