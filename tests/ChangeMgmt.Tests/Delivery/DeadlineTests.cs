using ChangeMgmt.Core.Feedback;
using ChangeMgmt.Core.Changes;
using ChangeMgmt.Core.Delivery;
using ChangeMgmt.Core.Messages;
using ChangeMgmt.Core.Ports;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChangeMgmt.Tests.Delivery;

/// <summary>
/// A Lambda invocation's deadline (<see cref="DeliveryOptions.StopClaimingAt"/>) on the real local backend and
/// a manual clock: claiming stops, an unsent claim is given back, the message continues in a new message on the
/// same queue and is acknowledged, and the continuation finishes the list, each recipient once.
/// </summary>
public sealed class DeadlineTests : IDisposable
{
    private static readonly TimeSpan UntilStop = TimeSpan.FromMilliseconds(500);
    private readonly ManualClock clock = new(new DateTimeOffset(2026, 11, 30, 14, 0, 0, TimeSpan.Zero));
    private readonly DeliveryWorld world;

    public DeadlineTests() => world = new DeliveryWorld(clock, "acme");

    public void Dispose() => world.Dispose();

    [Fact]
    public async Task At_the_deadline_claiming_stops_the_waiting_claim_is_given_back_and_the_rest_continues_in_a_new_message()
    {
        var (change, original) = await StartAsync(contacts: 3);

        var (response, continuation) = await CutShortAsync(original);

        Assert.Empty(response.BatchItemFailures);
        var records = await world.Adapters.Ledger.ListWithOutcomesAsync(change.ChangeId, "acme", default);
        // p000 went out at once; p001 was claimed and waiting for its send slot at the deadline; p002 was never claimed.
        var sent = Assert.Single(records, r => !r.Key.IsOutcome);
        Assert.Equal((DeliveryWorld.Recipient("acme", 0), DeliveryState.Sent), (sent.Key.Recipient, sent.State));
        var outcome = Assert.Single(records, r => r.Key.IsOutcome);
        Assert.Equal((DeliveryState.Sending, (int?)3), (outcome.State, outcome.Recipients));
        Assert.Equal(0, world.Counters.Failed);

        Assert.NotEqual(original.MessageId, continuation.MessageId);
        Assert.Equal(1, continuation.ReceiveCount);
        var trigger = Assert.Single(Assert.IsType<ParsedMessage.Triggers>(ChangeMessageParser.Parse(continuation.Body)).Items);
        Assert.Equal((StorageLayout.CustomerTrigger("acme", change.ChangeId), new DeliveryCursor(change.Version, NotificationKind.ApprovalRequest, DeliveryWorld.Recipient("acme", 1))),
            (trigger.Key, trigger.Resume));
    }

    [Fact]
    public async Task The_continuation_sends_only_what_was_left_and_finishes_the_notification()
    {
        var (change, original) = await StartAsync(contacts: 3);
        var (_, continuation) = await CutShortAsync(original);

        var response = await DriveAsync(() => Handler().HandleAsync(Batch(continuation), DeliveryOptions.Send, default));

        Assert.Empty(response.BatchItemFailures);
        var records = await world.Adapters.Ledger.ListWithOutcomesAsync(change.ChangeId, "acme", default);
        Assert.Equal(Enumerable.Range(0, 3).Select(i => DeliveryWorld.Recipient("acme", i)), records.Where(r => !r.Key.IsOutcome).Select(r => r.Key.Recipient));
        Assert.All(records, r => Assert.Equal(DeliveryState.Sent, r.State));
        Assert.Equal(3, await world.Adapters.Outbox.CountAsync("acme", null, default));
        Assert.Equal(3, await world.Adapters.Outbox.CountDistinctRecipientsAsync(default));
        Assert.Equal(0, (await world.Adapters.Queue.CountAsync("acme", default)).Visible);
    }

    [Fact]
    public async Task A_continuation_in_the_same_process_sends_to_the_audience_read_by_the_invocation_it_continues()
    {
        var (change, original) = await StartAsync(contacts: 3);
        var accounts = new FaultyAccounts(world.Adapters.SesAccounts);
        var handler = Handler(accounts);
        var (_, continuation) = await CutShortAsync(original, handler);
        Assert.Equal(1, accounts.ContactPagesRead);

        await DriveAsync(() => handler.HandleAsync(Batch(continuation), DeliveryOptions.Send, default));
        Assert.Equal(1, accounts.ContactPagesRead);
        Assert.Equal(3, await world.Adapters.Outbox.CountDistinctRecipientsAsync(default));

        // The delivery is done, so its audience is gone: the same message again reads the list afresh and sends nothing more.
        await DriveAsync(() => handler.HandleAsync(Batch(continuation), DeliveryOptions.Send, default));
        Assert.Equal(2, accounts.ContactPagesRead);
        Assert.Equal(3, await world.Adapters.Outbox.CountAsync("acme", null, default));
        Assert.Single(await world.Adapters.Ledger.ListWithOutcomesAsync(change.ChangeId, "acme", default), r => r.Key.IsOutcome && r.State == DeliveryState.Sent);
    }

    [Fact]
    public async Task A_continuation_in_another_process_reads_the_audience_its_delivery_stored_not_the_contact_list()
    {
        var (change, original) = await StartAsync(contacts: 3);
        var snapshot = StorageLayout.Audience("acme", change.ChangeId, change.Version);
        var (_, continuation) = await CutShortAsync(original);
        Assert.NotNull(await world.Adapters.Objects.GetAsync(snapshot, default));

        var elsewhere = new FaultyAccounts(world.Adapters.SesAccounts);
        var response = await DriveAsync(() => Handler(elsewhere).HandleAsync(Batch(continuation), DeliveryOptions.Send, default));

        Assert.Empty(response.BatchItemFailures);
        Assert.Equal(0, elsewhere.ContactPagesRead);
        Assert.Equal(3, await world.Adapters.Outbox.CountAsync("acme", null, default));
        Assert.Equal(3, await world.Adapters.Outbox.CountDistinctRecipientsAsync(default));
        Assert.Null(await world.Adapters.Objects.GetAsync(snapshot, default));
    }

    [Fact]
    public async Task A_delivery_that_needs_no_continuation_stores_no_audience()
    {
        var (change, original) = await StartAsync(contacts: 3);

        await DriveAsync(() => Handler().HandleAsync(Batch(original), DeliveryOptions.Send, default));

        Assert.Null(await world.Adapters.Objects.GetAsync(StorageLayout.Audience("acme", change.ChangeId, change.Version), default));
    }

    [Fact]
    public async Task A_deadline_too_close_to_send_anything_claims_nothing_and_is_retried_without_a_continuation()
    {
        var (change, original) = await StartAsync(contacts: 3);

        var response = await Handler().HandleAsync(Batch(original), DeliveryOptions.Send with { StopClaimingAt = clock.GetUtcNow() }, default);

        Assert.Equal(original.MessageId, Assert.Single(response.BatchItemFailures).ItemIdentifier);
        Assert.DoesNotContain(await world.Adapters.Ledger.ListAsync(change.ChangeId, "acme", default), r => true);
        Assert.Equal(0, (await world.Adapters.Queue.CountAsync("acme", default)).Visible);
    }

    [Fact]
    public async Task Without_a_deadline_the_whole_list_goes_out_in_one_message()
    {
        var (change, original) = await StartAsync(contacts: 3);

        var response = await DriveAsync(() => Handler().HandleAsync(Batch(original), DeliveryOptions.Send, default));

        Assert.Empty(response.BatchItemFailures);
        Assert.Equal(3, (await world.Adapters.Ledger.ListAsync(change.ChangeId, "acme", default)).Count(r => r.State == DeliveryState.Sent));
        Assert.Equal(0, (await world.Adapters.Queue.CountAsync("acme", default)).Visible);
    }

    /// <summary>Contacts at one send a second, a submitted change, and its trigger's message taken from the queue.</summary>
    private async Task<(Change Change, QueuedMessage Message)> StartAsync(int contacts)
    {
        await world.SeedAsync("acme", contacts, rate: 1);
        var change = await world.SubmittedChangeAsync("acme");
        return (change, await world.TakeOneAsync("acme"));
    }

    /// <summary>
    /// Handles the message with claiming to stop in half a second: the first recipient goes out at once, the
    /// second waits a second for its slot, and the deadline comes while it waits. Returns the continuation.
    /// </summary>
    private async Task<(SqsBatchResponse Response, QueuedMessage Continuation)> CutShortAsync(QueuedMessage original, SqsBatchHandler? handler = null)
    {
        var timers = clock.PendingTimers;
        var handling = (handler ?? Handler()).HandleAsync(Batch(original), DeliveryOptions.Send with { StopClaimingAt = clock.GetUtcNow() + UntilStop }, default);
        await clock.WhenPendingTimersAsync(timers + 2); // the deadline, and the second recipient's wait for its slot
        clock.Advance(UntilStop);
        var response = await handling;
        return (response, await world.TakeOneAsync("acme"));
    }

    /// <summary>Starts the work and moves the clock a second whenever it waits (for a send slot), until it is done.</summary>
    private async Task<T> DriveAsync<T>(Func<Task<T>> start)
    {
        var timers = clock.PendingTimers;
        var work = start();
        while (!work.IsCompleted)
        {
            await Task.WhenAny(work, clock.WhenPendingTimersAsync(timers + 1));
            if (!work.IsCompleted) clock.Advance(TimeSpan.FromSeconds(1));
        }
        return await work;
    }

    /// <summary>A delivery process of its own (own pacers, own audiences) over the shared backend.</summary>
    private SqsBatchHandler Handler(ISesAccountProvider? accounts = null) =>
        new(world.Config, world.Engine(accounts).Processor, new FeedbackProcessor(world.Adapters.Ledger, NullLogger<FeedbackProcessor>.Instance), world.Adapters.DeadLetters, world.Adapters.Queue, NullLogger<SqsBatchHandler>.Instance, clock);

    private static SqsEvent Batch(QueuedMessage message) => new([new SqsRecord
    {
        MessageId = message.MessageId, ReceiptHandle = message.ReceiptHandle, Body = message.Body, EventSource = "aws:sqs",
        EventSourceArn = DeliveryWorld.QueueArn(message.CustomerCode), AwsRegion = "us-east-1",
    }]);
}
