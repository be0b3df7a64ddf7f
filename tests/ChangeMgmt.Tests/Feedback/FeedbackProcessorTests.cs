using ChangeMgmt.Core.Delivery;
using ChangeMgmt.Core.Feedback;
using ChangeMgmt.Core.Ports;
using ChangeMgmt.Tests.Local;
using Microsoft.Extensions.Logging.Abstractions;
using static ChangeMgmt.Testing.SesSamples;

namespace ChangeMgmt.Tests.Feedback;

/// <summary>SES events through <see cref="FeedbackProcessor"/> onto a real local ledger.</summary>
public sealed class FeedbackProcessorTests : IDisposable
{
    private static readonly DeliveryKey Sent = new(Customer, ChangeId, NotificationKind.ApprovalRequest, SesSamples.Version, SesSamples.Recipient);
    private readonly LocalFixture _fixture = new();
    private readonly FeedbackProcessor _processor;

    public FeedbackProcessorTests() => _processor = new(_fixture.Adapters.Ledger, NullLogger<FeedbackProcessor>.Instance);

    public void Dispose() => _fixture.Dispose();

    private static readonly Dictionary<string, Func<string, string>> Shapes = new()
    {
        ["eventbridge"] = r => EventBridge(r),
        ["sns"] = Sns,
    };

    private static readonly Dictionary<string, (string Record, RecipientOutcome Outcome, string? Detail)> Records = new()
    {
        ["send"] = (Send, RecipientOutcome.Accepted, null),
        ["delivery"] = (SesSamples.Delivery, RecipientOutcome.Delivered, null),
        ["permanent-bounce"] = (PermanentBounce, RecipientOutcome.BouncedPermanent, "Permanent; General; 5.1.1; smtp; 550 5.1.1 user unknown"),
        ["transient-bounce"] = (TransientBounce, RecipientOutcome.BouncedTransient, "Transient; MailboxFull; 4.2.2; smtp; 452 4.2.2 mailbox full"),
        ["complaint"] = (Complaint, RecipientOutcome.Complained, "abuse"),
        ["reject"] = (Reject, RecipientOutcome.Rejected, "Bad content"),
        ["delivery-delay"] = (DeliveryDelay, RecipientOutcome.Delayed, "TransientCommunicationFailure; 4.4.1; smtp; 421 4.4.1 Unable to connect"),
        ["rendering-failure"] = (RenderingFailure, RecipientOutcome.Rejected, "Attribute 'title' is not present in the rendering data."),
    };

    public static TheoryData<string, string> EveryOutcomeEventInEveryShape()
    {
        var data = new TheoryData<string, string>();
        foreach (var record in Records.Keys)
            foreach (var shape in Shapes.Keys)
                data.Add(record, shape);
        return data;
    }

    private async Task MarkSentAsync(DeliveryKey key, string messageId = MessageId)
    {
        await _fixture.Adapters.Ledger.TryClaimAsync(key, "aws-approval", TimeSpan.FromMinutes(2), CancellationToken.None);
        await _fixture.Adapters.Ledger.MarkSentAsync(key, messageId, CancellationToken.None);
    }

    private Task<FeedbackResult> ProcessAsync(string body) => _processor.ProcessAsync("sqs-1", body, CancellationToken.None);

    private async Task<DeliveryRecord> RecordAsync() =>
        Assert.Single(await _fixture.Adapters.Ledger.ListAsync(ChangeId, Customer, CancellationToken.None));

    [Theory]
    [MemberData(nameof(EveryOutcomeEventInEveryShape))]
    public async Task An_event_sets_the_recipient_outcome_with_its_remote_words(string record, string shape)
    {
        var (body, outcome, detail) = Records[record];
        await MarkSentAsync(Sent);

        var result = await ProcessAsync(Shapes[shape](body));

        Assert.IsType<MessageOutcome.Completed>(result.Outcome);
        var change = Assert.Single(result.Changes);
        Assert.Equal((Sent, MessageId, outcome, detail), (change.Delivery, change.MessageId, change.Feedback.Outcome, change.Feedback.Detail));
        var stored = await RecordAsync();
        Assert.Equal((outcome, detail), (stored.Outcome, stored.OutcomeDetail));
    }

    [Theory]
    [InlineData("eventbridge")]
    [InlineData("sns")]
    public async Task A_subscription_event_changes_no_outcome(string shape)
    {
        await MarkSentAsync(Sent);

        var result = await ProcessAsync(Shapes[shape](Subscription));

        Assert.IsType<MessageOutcome.Completed>(result.Outcome);
        Assert.Empty(result.Changes);
        Assert.Null((await RecordAsync()).Outcome);
    }

    [Fact]
    public async Task An_event_without_our_tags_is_ignored()
    {
        await MarkSentAsync(Sent);

        var result = await ProcessAsync(Sns(IdentityBounce));

        Assert.Contains("not for a change notice", Assert.IsType<MessageOutcome.Completed>(result.Outcome).Description);
        Assert.Empty(result.Changes);
        Assert.Null((await RecordAsync()).Outcome);
    }

    [Fact]
    public async Task A_send_event_before_the_sender_recorded_the_send_confirms_it_and_the_senders_record_changes_nothing()
    {
        await _fixture.Adapters.Ledger.TryClaimAsync(Sent, "aws-approval", TimeSpan.FromMinutes(2), CancellationToken.None);

        var early = await ProcessAsync(EventBridge(Send));
        await _fixture.Adapters.Ledger.MarkSentAsync(Sent, MessageId, CancellationToken.None);
        var again = await ProcessAsync(EventBridge(Send));

        Assert.IsType<MessageOutcome.Completed>(early.Outcome);
        Assert.Equal(RecipientOutcome.Accepted, Assert.Single(early.Changes).Feedback.Outcome);
        Assert.IsType<MessageOutcome.Completed>(again.Outcome);
        Assert.Empty(again.Changes);
        var record = await RecordAsync();
        Assert.Equal((DeliveryState.Sent, MessageId, RecipientOutcome.Accepted), (record.State, record.MessageId, record.Outcome));
    }

    [Fact]
    public async Task An_event_of_a_message_the_ledger_never_sent_comes_back()
    {
        await MarkSentAsync(Sent, "another-ses-message");

        Assert.IsType<MessageOutcome.Retry>((await ProcessAsync(EventBridge(SesSamples.Delivery))).Outcome);
        Assert.Null((await RecordAsync()).Outcome);
    }

    [Fact]
    public async Task The_same_event_twice_changes_the_outcome_once()
    {
        await MarkSentAsync(Sent);

        var first = await ProcessAsync(EventBridge(Complaint));
        var second = await ProcessAsync(Sns(Complaint));

        Assert.Single(first.Changes);
        Assert.IsType<MessageOutcome.Completed>(second.Outcome);
        Assert.Empty(second.Changes);
    }

    [Fact]
    public async Task A_late_delivery_after_a_permanent_bounce_changes_nothing()
    {
        await MarkSentAsync(Sent);

        await ProcessAsync(EventBridge(PermanentBounce));
        var late = await ProcessAsync(EventBridge(SesSamples.Delivery));

        Assert.Empty(late.Changes);
        Assert.Equal(RecipientOutcome.BouncedPermanent, (await RecordAsync()).Outcome);
    }

    [Theory]
    [InlineData("not json at all")]
    [InlineData("""{"Records":[{"eventSource":"aws:s3"}]}""")]
    public async Task A_body_that_is_no_ses_event_is_poison_with_the_parser_reason(string body)
    {
        var result = await ProcessAsync(body);

        Assert.False(string.IsNullOrWhiteSpace(Assert.IsType<MessageOutcome.Poison>(result.Outcome).Description));
        Assert.Empty(result.Changes);
    }
}
