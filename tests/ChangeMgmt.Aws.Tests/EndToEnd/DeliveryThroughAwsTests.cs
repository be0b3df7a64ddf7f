using System.Text.Json.Nodes;
using Amazon.SQS.Model;
using ChangeMgmt.Aws.Queues;
using ChangeMgmt.Aws.Tests.Support;
using ChangeMgmt.Core.Changes;
using ChangeMgmt.Core.Delivery;
using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Aws.Tests.EndToEnd;

/// <summary>
/// The whole flow on AWS APIs (moto): write a change to S3, receive from each customer's queue,
/// assume each customer's role, send through that customer's SES v2 account; then redeliver.
/// </summary>
[Collection(MotoCollection.Name)]
public sealed class DeliveryThroughAwsTests(MotoServer moto) : AwsWorldTests(moto)
{
    [Fact]
    public async Task Each_customer_is_mailed_from_its_own_account_exactly_once_even_when_messages_come_again()
    {
        var changes = new ChangeService(World.Adapters.Objects, World.Config.Config, TimeProvider.System);
        var draft = await changes.CreateAsync(Change("acme", "globex"), "jane@msp.example", default);
        await changes.ApplyAsync(draft.ChangeId, ChangeAction.Submit, "jane@msp.example", 1, default);
        await DrainAllAsync();
        await changes.ApplyAsync(draft.ChangeId, ChangeAction.Approve, "joe@msp.example", 2, default);
        await DrainAllAsync();

        var sent = await SentAsync();
        Assert.Equal(["ann@acme.example", "ann@acme.example", "ann@acme.example", "ben@acme.example", "hal@globex.example", "hal@globex.example", "hal@globex.example"],
            sent.Select(m => m.To).Order());
        Assert.DoesNotContain(sent, m => m.To.EndsWith("@initech.example", StringComparison.Ordinal) || m.To == "eve@acme.example");
        Assert.All(sent, m => Assert.Equal(AwsWorld.Sender, m.From));

        var ledger = await World.Adapters.Ledger.ListAsync(draft.ChangeId, null, default);
        Assert.All(ledger, r => Assert.Equal(DeliveryState.Sent, r.State));
        foreach (var customer in new[] { "acme", "globex" })
        {
            var ids = ledger.Where(r => r.Key.CustomerCode == customer).Select(r => r.MessageId).Order();
            var mailed = sent.Where(m => m.To.EndsWith($"@{customer}.example", StringComparison.Ordinal)).Select(m => (string?)m.Id).Order();
            Assert.Equal(mailed, ids);
        }

        await RedeliverAsync("acme", draft.ChangeId);
        await RedeliverAsync("globex", draft.ChangeId);
        await DrainAllAsync();
        Assert.Equal(sent.Count, (await SentAsync()).Count);
        Assert.Empty(await World.Adapters.DeadLetters.ListAsync(null, default));
    }

    [Fact]
    public async Task A_message_in_the_wrong_customers_queue_is_dead_lettered_in_the_bucket_and_sends_nothing()
    {
        var changes = new ChangeService(World.Adapters.Objects, World.Config.Config, TimeProvider.System);
        var draft = await changes.CreateAsync(Change("acme"), "jane@msp.example", default);
        await changes.ApplyAsync(draft.ChangeId, ChangeAction.Submit, "jane@msp.example", 1, default);
        await DrainAllAsync();
        var before = (await SentAsync()).Count;

        await RedeliverAsync("initech", draft.ChangeId, keyCustomer: "acme");
        await World.Worker.DrainAsync("initech", DeliveryOptions.Send, default);

        var letter = Assert.Single(await World.Adapters.DeadLetters.ListAsync("initech", default));
        Assert.Contains("came from the queue of 'initech'", letter.Reason);
        Assert.Equal(before, (await SentAsync()).Count);
    }

    [Fact]
    public async Task At_a_deadline_too_close_to_send_the_batch_is_retried_and_a_continuation_on_the_queue_resumes_at_its_cursor()
    {
        var changes = new ChangeService(World.Adapters.Objects, World.Config.Config, TimeProvider.System);
        var draft = await changes.CreateAsync(Change("acme"), "jane@msp.example", default);
        await changes.ApplyAsync(draft.ChangeId, ChangeAction.Submit, "jane@msp.example", 1, default);
        await World.Worker.DrainAsync("acme", DeliveryOptions.Send, default);
        var before = (await SentAsync()).Count;
        var approved = (await changes.ApplyAsync(draft.ChangeId, ChangeAction.Approve, "joe@msp.example", 2, default)).Change;
        var received = Assert.Single(await World.Adapters.Queue.ReceiveAsync("acme", 10, TimeSpan.FromMinutes(5), TimeSpan.FromSeconds(5), default));
        var late = await World.BatchHandler.HandleAsync(Batch(received), DeliveryOptions.Send with { StopClaimingAt = DateTimeOffset.UtcNow }, default);

        Assert.Equal(received.MessageId, Assert.Single(late.BatchItemFailures).ItemIdentifier);
        Assert.DoesNotContain(await World.Adapters.Ledger.ListAsync(draft.ChangeId, "acme", default), r => r.Key.Version == approved.Version);

        // The continuation an earlier invocation would have left: the announcement's recipients before ben handled.
        var trigger = Assert.Single(Assert.IsType<ChangeMgmt.Core.Messages.ParsedMessage.Triggers>(ChangeMgmt.Core.Messages.ChangeMessageParser.Parse(received.Body)).Items);
        var cursor = new ChangeMgmt.Core.Messages.DeliveryCursor(approved.Version, NotificationKind.Announcement, "ben@acme.example");
        await World.Adapters.Queue.SendAsync("acme", ChangeMgmt.Core.Messages.ContinuationMessage.Create(trigger, cursor), default);
        await World.Adapters.Queue.DeleteAsync(received, default);
        var continuation = Assert.Single(await World.Adapters.Queue.ReceiveAsync("acme", 10, TimeSpan.FromMinutes(5), TimeSpan.FromSeconds(5), default));
        var answer = await World.BatchHandler.HandleAsync(Batch(continuation), DeliveryOptions.Send, default);

        Assert.Empty(answer.BatchItemFailures);
        Assert.Equal(["ann@acme.example", "ben@acme.example"], (await SentAsync()).Skip(before).Select(m => m.To).Order());
        var records = (await World.Adapters.Ledger.ListWithOutcomesAsync(draft.ChangeId, "acme", default)).Where(r => r.Key.Version == approved.Version);
        Assert.Equal(
            [(NotificationKind.Announcement, DeliveryKey.OutcomeRecipient), (NotificationKind.Announcement, "ben@acme.example"),
             (NotificationKind.CalendarInvite, DeliveryKey.OutcomeRecipient), (NotificationKind.CalendarInvite, "ann@acme.example")],
            records.Select(r => (r.Key.Kind, r.Key.Recipient)).Order());
        Assert.All(records, r => Assert.Equal(DeliveryState.Sent, r.State));
    }

    private static ChangeMgmt.Core.Messages.SqsEvent Batch(QueuedMessage message) => new([new ChangeMgmt.Core.Messages.SqsRecord
    {
        MessageId = message.MessageId, ReceiptHandle = message.ReceiptHandle, Body = message.Body, EventSource = "aws:sqs",
        EventSourceArn = AwsWorld.QueueArn(message.CustomerCode), AwsRegion = "us-east-1",
    }]);

    private Task DrainAllAsync() =>
        Task.WhenAll(AwsWorld.Customers.Keys.Select(code => World.Worker.DrainAsync(code, DeliveryOptions.Send, default)));

    private async Task RedeliverAsync(string queueCustomer, string changeId, string? keyCustomer = null)
    {
        using var sqs = SqsChangeQueue.CreateClient(World.Settings, "us-east-1");
        var url = (await sqs.GetQueueUrlAsync($"changemgmt-{queueCustomer}")).QueueUrl;
        var body = new JsonObject
        {
            ["Records"] = new JsonArray(new JsonObject
            {
                ["eventSource"] = "aws:s3",
                ["eventName"] = "ObjectCreated:Put",
                ["s3"] = new JsonObject
                {
                    ["bucket"] = new JsonObject { ["name"] = AwsWorld.Bucket },
                    ["object"] = new JsonObject { ["key"] = $"customers/{keyCustomer ?? queueCustomer}/{changeId}.json" },
                },
            }),
        }.ToJsonString();
        await sqs.SendMessageAsync(new SendMessageRequest { QueueUrl = url, MessageBody = body });
    }

    private Task<List<(string Id, string From, string To)>> SentAsync() => SentAsync(Moto);

    /// <summary>Every message moto's SES accounts sent, one row per recipient.</summary>
    internal static async Task<List<(string Id, string From, string To)>> SentAsync(MotoServer moto)
    {
        var messages = (await moto.DataAsync())["ses"]?["Message"]?.AsArray() ?? [];
        return [.. messages.SelectMany(m => m!["destinations"]!["ToAddresses"]!.AsArray()
            .Select(to => ((string)m["id"]!, (string)m["source"]!, (string)to!)))];
    }

    private static readonly DateTimeOffset WindowStart = DateTimeOffset.UtcNow.AddMinutes(-10);

    internal static Change Change(params string[] customers) => new()
    {
        ChangeTitle = "Rotate TLS certificates",
        Customers = [.. customers],
        ChangeReason = "Expiry", ImplementationPlan = "Rotate", TestPlan = "Handshake", CustomerImpact = "None", RollbackPlan = "Revert",
        // Under way, so it is submitted and approved without the backdated override.
        ImplementationStart = WindowStart,
        ImplementationEnd = WindowStart.AddMinutes(90),
        Timezone = "America/New_York",
    };
}
