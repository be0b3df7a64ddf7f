using ChangeMgmt.Core.Delivery;
using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Tests.Delivery;

/// <summary>
/// Every processed notification leaves an outcome in the ledger, so a customer with nobody to tell, or
/// whose contact list lacks the topic, is never shown as still "queued".
/// </summary>
public sealed class NotificationOutcomeTests : IDisposable
{
    private readonly DeliveryWorld world = new("acme", "globex");

    public void Dispose() => world.Dispose();

    [Fact]
    public async Task A_notification_with_subscribers_is_processed_and_its_outcome_stays_out_of_the_deliveries()
    {
        await world.SeedAsync("acme", contacts: 3);
        var change = await world.SubmittedChangeAsync("acme");
        var (_, worker) = world.Engine();

        await worker.HandleAsync(await world.TakeOneAsync("acme"), DeliveryOptions.Send, default);

        var outcome = Assert.Single(await OutcomesAsync(change.ChangeId, "acme"));
        Assert.Equal((NotificationKind.ApprovalRequest, change.Version, DeliveryState.Sent), (outcome.Key.Kind, outcome.Key.Version, outcome.State));
        Assert.True(outcome.Key.IsOutcome);
        var deliveries = await world.Adapters.Ledger.ListAsync(change.ChangeId, "acme", default);
        Assert.Equal(3, deliveries.Count);
        Assert.DoesNotContain(deliveries, d => d.Key.IsOutcome);
    }

    [Fact]
    public async Task A_notification_nobody_subscribes_to_is_processed_with_no_delivery()
    {
        await world.SeedAsync("acme", contacts: 0);
        var change = await world.SubmittedChangeAsync("acme");
        var (_, worker) = world.Engine();

        Assert.IsType<MessageOutcome.Completed>(await worker.HandleAsync(await world.TakeOneAsync("acme"), DeliveryOptions.Send, default));

        Assert.Empty(await world.Adapters.Ledger.ListAsync(change.ChangeId, "acme", default));
        Assert.Equal(DeliveryState.Sent, Assert.Single(await OutcomesAsync(change.ChangeId, "acme")).State);
    }

    [Fact]
    public async Task A_missing_topic_is_recorded_with_its_fix_and_cleared_when_a_later_attempt_succeeds()
    {
        var account = world.Adapters.SesAccounts.ForCustomer("acme");
        await account.CreateContactListAsync(new SesContactList(DeliveryWorld.ContactList, null, []), default);
        await account.CreateContactAsync(DeliveryWorld.ContactList, new SesContact("ann@acme.example", []), default);
        var change = await world.SubmittedChangeAsync("acme");
        var (processor, _) = world.Engine();
        var message = await world.TakeOneAsync("acme");

        // A setup error: the message is done (retrying cannot help); the outcome says what to fix.
        Assert.IsType<MessageOutcome.Completed>(await processor.ProcessAsync("acme", message.MessageId, message.Body, DeliveryOptions.Send, default));
        var failed = Assert.Single(await OutcomesAsync(change.ChangeId, "acme"));
        Assert.Equal(DeliveryState.Failed, failed.State);
        Assert.Contains("no topic aws-approval", failed.Error, StringComparison.Ordinal);
        Assert.Contains("Sync-SesTopic -Customer acme", failed.Error, StringComparison.Ordinal);

        var topics = world.Config.Topics.Select(t => new SesTopic(t.TopicName, t.DisplayName, t.Description, t.DefaultSubscriptionStatus)).ToList();
        await account.UpdateContactListAsync(new SesContactList(DeliveryWorld.ContactList, null, topics), default);
        Assert.IsType<MessageOutcome.Completed>(await processor.ProcessAsync("acme", message.MessageId, message.Body, DeliveryOptions.Send, default));

        Assert.Equal(DeliveryState.Sent, Assert.Single(await OutcomesAsync(change.ChangeId, "acme")).State);
    }

    [Fact]
    public async Task A_dry_run_records_no_outcome()
    {
        await world.SeedAsync("acme", contacts: 2);
        var change = await world.SubmittedChangeAsync("acme");
        var (processor, _) = world.Engine();
        var message = await world.TakeOneAsync("acme");

        await processor.ProcessAsync("acme", message.MessageId, message.Body, new DeliveryOptions(DryRun: true), default);

        Assert.Empty(await OutcomesAsync(change.ChangeId, null));
    }

    private async Task<IReadOnlyList<DeliveryRecord>> OutcomesAsync(string changeId, string? customer) =>
        [.. (await world.Adapters.Ledger.ListWithOutcomesAsync(changeId, customer, default)).Where(r => r.Key.IsOutcome)];
}
