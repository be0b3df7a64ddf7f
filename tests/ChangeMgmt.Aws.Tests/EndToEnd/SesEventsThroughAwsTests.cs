using Amazon.SQS;
using Amazon.SQS.Model;
using ChangeMgmt.Aws.Queues;
using ChangeMgmt.Aws.Tests.Support;
using ChangeMgmt.Core.Changes;
using ChangeMgmt.Core.Delivery;
using ChangeMgmt.Core.Feedback;
using ChangeMgmt.Core.Messages;
using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Aws.Tests.EndToEnd;

/// <summary>
/// SES events on AWS APIs (moto): change notices sent through the real delivery path, then SES's events about them as
/// messages on a real <c>changemgmt-ses-events</c> queue, received with the SDK and handed to the delivery function's
/// batch handler as Lambda's event source would, onto the DynamoDB ledger.
/// </summary>
[Collection(MotoCollection.Name)]
public sealed class SesEventsThroughAwsTests(MotoServer moto) : AwsWorldTests(moto)
{
    private const string SesEventsQueue = "changemgmt-ses-events";

    [Fact]
    public async Task Events_from_the_ses_events_queue_set_outcomes_junk_is_dead_lettered_with_its_reason_and_repeats_change_nothing()
    {
        var changeId = await SendChangeAsync("acme", "globex");
        var sent = await World.Adapters.Ledger.ListAsync(changeId, null, default);
        var ann = Assert.Single(sent, r => r.Key.Recipient == "ann@acme.example");
        var hal = Assert.Single(sent, r => r.Key.Recipient == "hal@globex.example");
        using var sqs = SqsChangeQueue.CreateClient(World.Settings, "us-east-1");
        var queue = await CreateQueueAsync(sqs);
        string[] events =
        [
            SesSamples.EventBridge(SesSamples.About(SesSamples.Delivery, ann.Key, ann.MessageId!)),
            SesSamples.Sns(SesSamples.About(SesSamples.Complaint, ann.Key, ann.MessageId!)),
            SesSamples.EventBridge(SesSamples.About(SesSamples.PermanentBounce, hal.Key, hal.MessageId!)),
        ];

        var first = await HandleAsync(sqs, queue, [.. events, "{ not json"]);

        Assert.Empty(first.BatchItemFailures);
        var outcomes = await World.Adapters.Ledger.ListAsync(changeId, null, default);
        Assert.Equal(RecipientOutcome.Complained, outcomes.Single(r => r.Key == ann.Key).Outcome);
        var bounced = outcomes.Single(r => r.Key == hal.Key);
        Assert.Equal(RecipientOutcome.BouncedPermanent, bounced.Outcome);
        Assert.Contains("550 5.1.1 user unknown", bounced.OutcomeDetail);
        Assert.Equal([changeId], await World.Adapters.Ledger.ListUndeliveredChangesAsync(null, default));
        var letter = Assert.Single(await World.Adapters.DeadLetters.ListAsync(DeadLetters.SesEventsCustomer, default));
        Assert.Equal("{ not json", letter.Body);
        Assert.Contains($"The queue {queue.Arn} is not the sqs_queue_arn of any configured customer, and the message is not an SES event: ", letter.Reason);
        Assert.Contains("JSON", letter.Reason[letter.Reason.IndexOf("SES event: ", StringComparison.Ordinal)..]);

        var again = await HandleAsync(sqs, queue, events);

        Assert.Empty(again.BatchItemFailures);
        Assert.Equal(outcomes, await World.Adapters.Ledger.ListAsync(changeId, null, default));
        Assert.Single(await World.Adapters.DeadLetters.ListAsync(DeadLetters.SesEventsCustomer, default));
    }

    /// <summary>The sender died after SES accepted the message: the event confirms the claim Sent, so no takeover sends it again.</summary>
    [Fact]
    public async Task An_event_about_a_send_its_sender_never_recorded_confirms_it_sent()
    {
        var key = new DeliveryKey("acme", "CHG-20261130-7Q2K9D", NotificationKind.ApprovalRequest, 2, "ann@acme.example");
        await World.Adapters.Ledger.TryClaimAsync(key, "aws-approval", TimeSpan.FromMinutes(2), default);
        using var sqs = SqsChangeQueue.CreateClient(World.Settings, "us-east-1");
        var queue = await CreateQueueAsync(sqs);

        var response = await HandleAsync(sqs, queue, [SesSamples.EventBridge(SesSamples.About(SesSamples.Send, key, "ses-early"))]);

        Assert.Empty(response.BatchItemFailures);
        var record = Assert.Single(await World.Adapters.Ledger.ListAsync(key.ChangeId, "acme", default), r => r.Key == key);
        Assert.Equal((DeliveryState.Sent, "ses-early", RecipientOutcome.Accepted), (record.State, record.MessageId, record.Outcome));
        Assert.Equal(ClaimResult.AlreadySent, await World.Adapters.Ledger.TryClaimAsync(key, "aws-approval", TimeSpan.FromMinutes(2), default));
    }

    [Fact]
    public async Task An_event_about_a_send_the_ledger_never_claimed_is_a_batch_item_failure()
    {
        var key = new DeliveryKey("acme", "CHG-20261130-7Q2K9D", NotificationKind.ApprovalRequest, 2, "nobody@acme.example");
        using var sqs = SqsChangeQueue.CreateClient(World.Settings, "us-east-1");
        var queue = await CreateQueueAsync(sqs);

        var response = await HandleAsync(sqs, queue, [SesSamples.EventBridge(SesSamples.About(SesSamples.Send, key, "ses-unknown"))]);

        Assert.Single(response.BatchItemFailures);
        Assert.Empty(await World.Adapters.DeadLetters.ListAsync(null, default));
    }

    /// <summary>A change for the customers, submitted and delivered (approval requests) through the queues, the SES accounts and the ledger.</summary>
    private async Task<string> SendChangeAsync(params string[] customers)
    {
        var changes = new ChangeService(World.Adapters.Objects, World.Config.Config, TimeProvider.System);
        var draft = await changes.CreateAsync(DeliveryThroughAwsTests.Change(customers), "jane@msp.example", default);
        await changes.ApplyAsync(draft.ChangeId, ChangeAction.Submit, "jane@msp.example", 1, default);
        await Task.WhenAll(customers.Select(code => World.Worker.DrainAsync(code, DeliveryOptions.Send, default)));
        return draft.ChangeId;
    }

    private static async Task<(string Url, string Arn)> CreateQueueAsync(IAmazonSQS sqs)
    {
        var url = (await sqs.CreateQueueAsync(new CreateQueueRequest { QueueName = SesEventsQueue })).QueueUrl;
        var attributes = await sqs.GetQueueAttributesAsync(new GetQueueAttributesRequest { QueueUrl = url, AttributeNames = ["QueueArn"] });
        return (url, attributes.QueueARN);
    }

    /// <summary>Sends the bodies, receives them all, and hands them over as one batch from the queue (its ARN as eventSourceARN).</summary>
    private async Task<SqsBatchResponse> HandleAsync(IAmazonSQS sqs, (string Url, string Arn) queue, IReadOnlyList<string> bodies)
    {
        foreach (var body in bodies)
            await sqs.SendMessageAsync(new SendMessageRequest { QueueUrl = queue.Url, MessageBody = body });
        var received = new List<Message>();
        for (var receive = 0; received.Count < bodies.Count && receive < 10; receive++)
            received.AddRange((await sqs.ReceiveMessageAsync(new ReceiveMessageRequest
            {
                QueueUrl = queue.Url, MaxNumberOfMessages = 10, WaitTimeSeconds = 1, MessageSystemAttributeNames = ["ApproximateReceiveCount"],
            })).Messages ?? []);
        Assert.Equal(bodies.Count, received.Count);
        return await World.BatchHandler.HandleAsync(new SqsEvent([.. received.Select(m => new SqsRecord
        {
            MessageId = m.MessageId, ReceiptHandle = m.ReceiptHandle, Body = m.Body, EventSource = "aws:sqs", EventSourceArn = queue.Arn, AwsRegion = "us-east-1",
            Attributes = m.Attributes,
        })]), default);
    }
}
