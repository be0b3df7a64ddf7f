using ChangeMgmt.Core.Delivery;
using ChangeMgmt.Core.Feedback;
using ChangeMgmt.Core.Messages;
using ChangeMgmt.Core.Ports;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChangeMgmt.Tests.Delivery;

/// <summary>Which path a record of a batch takes is decided by its queue alone, never by what its body looks like.</summary>
public sealed class SesEventRoutingTests : IDisposable
{
    private static readonly DeliveryKey Sent = new(SesSamples.Customer, SesSamples.ChangeId, NotificationKind.ApprovalRequest, SesSamples.Version, SesSamples.Recipient);
    private readonly DeliveryWorld _world = new("acme");

    public void Dispose() => _world.Dispose();

    private Task<SqsBatchResponse> HandleAsync(string? queueArn, string body) =>
        new SqsBatchHandler(_world.Config, _world.Engine().Processor, new FeedbackProcessor(_world.Adapters.Ledger, NullLogger<FeedbackProcessor>.Instance),
                _world.Adapters.DeadLetters, _world.Adapters.Queue, NullLogger<SqsBatchHandler>.Instance, _world.Time)
            .HandleAsync(new SqsEvent([new SqsRecord { MessageId = "m-1", ReceiptHandle = "h-1", Body = body, EventSource = "aws:sqs", EventSourceArn = queueArn }]), default);

    [Fact]
    public async Task An_ses_event_in_a_customer_queue_is_taken_as_a_change_message_and_records_no_outcome()
    {
        await _world.Adapters.Ledger.MarkSentAsync(Sent, SesSamples.MessageId, default);

        await HandleAsync(DeliveryWorld.QueueArn("acme"), SesSamples.EventBridge(SesSamples.Delivery));

        Assert.Null(Assert.Single(await _world.Adapters.Ledger.ListAsync(SesSamples.ChangeId, "acme", default)).Outcome);
        Assert.All(await _world.Adapters.DeadLetters.ListAsync(null, default), l => Assert.Equal("acme", l.CustomerCode));
    }

    [Fact]
    public async Task A_record_naming_no_queue_is_feedback_and_junk_there_is_an_ses_events_dead_letter_saying_both_reasons()
    {
        var response = await HandleAsync(null, "[1, 2, 3]");

        Assert.Empty(response.BatchItemFailures);
        var letter = Assert.Single(await _world.Adapters.DeadLetters.ListAsync(null, default));
        Assert.Equal((DeadLetters.SesEventsCustomer, "[1, 2, 3]"), (letter.CustomerCode, letter.Body));
        Assert.StartsWith("The queue (no eventSourceARN) is not the sqs_queue_arn of any configured customer, and the message is not an SES event: ", letter.Reason, StringComparison.Ordinal);
        Assert.True(letter.Reason.Length > 120, letter.Reason);
    }
}
