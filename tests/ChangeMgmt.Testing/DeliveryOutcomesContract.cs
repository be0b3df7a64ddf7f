using ChangeMgmt.Core.Feedback;
using ChangeMgmt.Core.Ports;
using Xunit;

namespace ChangeMgmt.Testing;

/// <summary>
/// What every <see cref="IDeliveryOutcomes"/> adapter must do, run over each (local SQLite, DynamoDB on moto) by a
/// subclass that supplies the ledger, configured for the customers acme and globex, and the clock it reads.
/// </summary>
public abstract class DeliveryOutcomesContract
{
    private const string Change = "CHG-20261130-7Q2K9D";
    private const string Topic = "aws-approval";
    private static readonly CancellationToken Ct = CancellationToken.None;

    protected abstract IDeliveryLedger Ledger { get; }
    protected abstract IDeliveryOutcomes Outcomes { get; }
    protected abstract ManualClock Clock { get; }

    private static DeliveryKey Key(string recipient = "jane@acme.example", string customer = "acme", string change = Change) =>
        new(customer, change, NotificationKind.ApprovalRequest, 2, recipient);

    private async Task SentAsync(DeliveryKey key, string messageId)
    {
        await Ledger.TryClaimAsync(key, Topic, TimeSpan.FromMinutes(2), Ct);
        await Ledger.MarkSentAsync(key, messageId, Ct);
    }

    private Task<FeedbackApplied> RecordAsync(DeliveryKey key, string messageId, RecipientOutcome outcome, string? detail = null) =>
        Outcomes.RecordAsync(key, messageId, new RecipientFeedback(outcome, Clock.GetUtcNow(), detail), Ct);

    private async Task<DeliveryRecord> ReadAsync(DeliveryKey key) =>
        Assert.Single(await Ledger.ListAsync(key.ChangeId, key.CustomerCode, Ct), r => r.Key == key);

    [Fact]
    public async Task An_outcome_is_recorded_once_and_the_same_feedback_again_changes_nothing()
    {
        var sentAt = Clock.GetUtcNow();
        await SentAsync(Key(), "ses-1");
        Clock.Advance(TimeSpan.FromSeconds(3));

        Assert.Equal(FeedbackApplied.Changed, await RecordAsync(Key(), "ses-1", RecipientOutcome.BouncedPermanent, "General; 5.1.1"));
        Assert.Equal(FeedbackApplied.Unchanged, await RecordAsync(Key(), "ses-1", RecipientOutcome.BouncedPermanent, "General; 5.1.1"));

        var record = await ReadAsync(Key());
        Assert.Equal((DeliveryState.Sent, "ses-1", (DateTimeOffset?)sentAt), (record.State, record.MessageId, record.SentAt));
        Assert.Equal((RecipientOutcome.BouncedPermanent, "General; 5.1.1", (DateTimeOffset?)sentAt.AddSeconds(3)), (record.Outcome, record.OutcomeDetail, record.OutcomeAt));
    }

    [Fact]
    public async Task An_outcome_only_moves_up()
    {
        await SentAsync(Key(), "ses-1");

        Assert.Equal(FeedbackApplied.Changed, await RecordAsync(Key(), "ses-1", RecipientOutcome.Delayed));
        Assert.Equal(FeedbackApplied.Changed, await RecordAsync(Key(), "ses-1", RecipientOutcome.Delivered));
        Assert.Equal(FeedbackApplied.Unchanged, await RecordAsync(Key(), "ses-1", RecipientOutcome.Delayed));
        Assert.Equal(FeedbackApplied.Unchanged, await RecordAsync(Key(), "ses-1", RecipientOutcome.BouncedTransient));
        Assert.Equal(RecipientOutcome.Delivered, (await ReadAsync(Key())).Outcome);
        Assert.Equal(FeedbackApplied.Changed, await RecordAsync(Key(), "ses-1", RecipientOutcome.BouncedPermanent));
        Assert.Equal(FeedbackApplied.Unchanged, await RecordAsync(Key(), "ses-1", RecipientOutcome.Rejected));
        Assert.Equal(FeedbackApplied.Changed, await RecordAsync(Key(), "ses-1", RecipientOutcome.Complained));
        Assert.Equal(FeedbackApplied.Unchanged, await RecordAsync(Key(), "ses-1", RecipientOutcome.Delivered));
        Assert.Equal(RecipientOutcome.Complained, (await ReadAsync(Key())).Outcome);
    }

    [Fact]
    public async Task Nothing_is_recorded_on_a_send_of_another_message_or_never_made()
    {
        await SentAsync(Key(), "ses-1");

        Assert.Equal(FeedbackApplied.NotRecorded, await RecordAsync(Key(), "ses-other", RecipientOutcome.Delivered));
        Assert.Equal(FeedbackApplied.NotRecorded, await RecordAsync(Key("nobody@acme.example"), "ses-1", RecipientOutcome.Delivered));
        Assert.Null((await ReadAsync(Key())).Outcome);
        Assert.Empty((await Ledger.ListAsync(Change, "acme", Ct)).Where(r => r.Key.Recipient == "nobody@acme.example"));
    }

    /// <summary>
    /// The sender died after SES accepted the message and before recording it (left Sending), or lost SES's reply
    /// (marked Failed): SES's event is the proof, so the record is Sent with the event's message id and no takeover
    /// of the claim or retry of the failure sends the email again.
    /// </summary>
    [Fact]
    public async Task An_event_for_a_send_left_sending_or_failed_confirms_it_sent_and_no_claim_sends_it_again()
    {
        var claimed = Key("claimed@acme.example");
        var failed = Key("failed@acme.example");
        await Ledger.TryClaimAsync(claimed, Topic, TimeSpan.FromMinutes(2), Ct);
        await Ledger.TryClaimAsync(failed, Topic, TimeSpan.FromMinutes(2), Ct);
        await Ledger.MarkFailedAsync(failed, "the connection closed before SES replied", Ct);
        Clock.Advance(TimeSpan.FromMinutes(5));

        Assert.Equal(FeedbackApplied.Changed, await RecordAsync(claimed, "ses-c", RecipientOutcome.Accepted));
        Assert.Equal(FeedbackApplied.Changed, await RecordAsync(failed, "ses-f", RecipientOutcome.Delivered));

        var sending = await ReadAsync(claimed);
        Assert.Equal((DeliveryState.Sent, "ses-c", RecipientOutcome.Accepted), (sending.State, sending.MessageId, sending.Outcome));
        var lost = await ReadAsync(failed);
        Assert.Equal((DeliveryState.Sent, "ses-f", RecipientOutcome.Delivered, (string?)null), (lost.State, lost.MessageId, lost.Outcome, lost.Error));
        Assert.Equal(ClaimResult.AlreadySent, await Ledger.TryClaimAsync(claimed, Topic, TimeSpan.FromMinutes(2), Ct));
        Assert.Equal(ClaimResult.AlreadySent, await Ledger.TryClaimAsync(failed, Topic, TimeSpan.FromMinutes(2), Ct));
        Assert.DoesNotContain("CHG-20261130-7Q2K9D", await Outcomes.ListUndeliveredChangesAsync("acme", Ct));
        Assert.Equal(FeedbackApplied.Unchanged, await RecordAsync(claimed, "ses-c", RecipientOutcome.Accepted));
    }

    [Fact]
    public async Task Counts_cover_the_customer_sends_since_a_time_and_its_last_sends_but_no_outcome_record()
    {
        var start = Clock.GetUtcNow();
        RecipientOutcome?[] outcomes = [RecipientOutcome.Delivered, RecipientOutcome.BouncedPermanent, RecipientOutcome.Complained, null, RecipientOutcome.Delayed];
        for (var i = 0; i < outcomes.Length; i++)
        {
            var key = Key($"r{i}@acme.example");
            await SentAsync(key, $"ses-{i}");
            if (outcomes[i] is { } outcome) await RecordAsync(key, $"ses-{i}", outcome);
            Clock.Advance(TimeSpan.FromHours(1));
        }
        await SentAsync(DeliveryKey.Outcome("acme", Change, NotificationKind.ApprovalRequest, 2), "processed");
        await SentAsync(Key("ann@globex.example", "globex"), "ses-g");
        await RecordAsync(Key("ann@globex.example", "globex"), "ses-g", RecipientOutcome.BouncedPermanent);

        var windows = await Outcomes.CountAsync("acme", start.AddHours(1), 3, Ct);

        Assert.Equal(new OutcomeCounts(Sent: 4, Delivered: 0, BouncedPermanent: 1, BouncedTransient: 0, Complained: 1, Rejected: 0, Delayed: 1), windows.Since);
        Assert.Equal(new OutcomeCounts(Sent: 3, Delivered: 0, BouncedPermanent: 0, BouncedTransient: 0, Complained: 1, Rejected: 0, Delayed: 1), windows.LastSends);
        Assert.Equal(5, (await Outcomes.CountAsync("acme", start, 100, Ct)).LastSends.Sent);
        Assert.Equal(OutcomeCounts.None, (await Outcomes.CountAsync("acme", start.AddDays(1), 0, Ct)).LastSends);
        Assert.Equal(OutcomeCounts.None, (await Outcomes.CountAsync("acme", start.AddDays(1), 0, Ct)).Since);
        Assert.Equal(OutcomeCounts.None with { Sent = 1, BouncedPermanent = 1 }, (await Outcomes.CountAsync("globex", start, 10, Ct)).LastSends);
    }

    [Fact]
    public async Task The_last_sends_are_that_many_when_several_were_sent_in_the_same_millisecond()
    {
        for (var i = 0; i < 4; i++)
            await SentAsync(Key($"r{i}@acme.example"), $"ses-{i}");

        Assert.Equal(2, (await Outcomes.CountAsync("acme", Clock.GetUtcNow(), 2, Ct)).LastSends.Sent);
    }

    [Fact]
    public async Task Changes_with_a_bounced_rejected_or_failed_send_are_listed_per_customer_or_for_all()
    {
        async Task SendWithAsync(string change, string customer, params RecipientOutcome[] outcomes)
        {
            var key = Key($"someone@{customer}.example", customer, change);
            await SentAsync(key, $"ses-{change}");
            foreach (var outcome in outcomes) await RecordAsync(key, $"ses-{change}", outcome);
        }
        await SendWithAsync("CHG-20261130-AAAAAA", "acme", RecipientOutcome.BouncedPermanent);
        await SendWithAsync("CHG-20261130-BBBBBB", "acme", RecipientOutcome.Rejected);
        await SendWithAsync("CHG-20261130-DDDDDD", "acme", RecipientOutcome.BouncedTransient, RecipientOutcome.Delivered);
        await SendWithAsync("CHG-20261130-EEEEEE", "acme", RecipientOutcome.Delivered);
        await SendWithAsync("CHG-20261130-FFFFFF", "globex", RecipientOutcome.BouncedTransient);
        var failed = Key("failed@acme.example", "acme", "CHG-20261130-CCCCCC");
        await Ledger.TryClaimAsync(failed, Topic, TimeSpan.FromMinutes(2), Ct);
        await Ledger.MarkFailedAsync(failed, "throttled", Ct);
        var retried = Key("retried@acme.example", "acme", "CHG-20261130-GGGGGG");
        await Ledger.TryClaimAsync(retried, Topic, TimeSpan.FromMinutes(2), Ct);
        await Ledger.MarkFailedAsync(retried, "throttled", Ct);
        await SentAsync(retried, "ses-retried");
        var outcome = DeliveryKey.Outcome("acme", "CHG-20261130-HHHHHH", NotificationKind.ApprovalRequest, 2);
        await Ledger.TryClaimAsync(outcome, Topic, TimeSpan.FromMinutes(2), Ct);
        await Ledger.MarkFailedAsync(outcome, "the contact list lacks the topic", Ct);

        Assert.Equal(["CHG-20261130-AAAAAA", "CHG-20261130-BBBBBB", "CHG-20261130-CCCCCC"], await Outcomes.ListUndeliveredChangesAsync("acme", Ct));
        Assert.Equal(["CHG-20261130-FFFFFF"], await Outcomes.ListUndeliveredChangesAsync("globex", Ct));
        Assert.Equal(["CHG-20261130-AAAAAA", "CHG-20261130-BBBBBB", "CHG-20261130-CCCCCC", "CHG-20261130-FFFFFF"], await Outcomes.ListUndeliveredChangesAsync(null, Ct));
    }

    [Fact]
    public async Task A_change_is_listed_once_however_many_of_its_recipients_bounced()
    {
        await SentAsync(Key("a@acme.example"), "ses-a");
        await SentAsync(Key("b@acme.example"), "ses-b");
        await RecordAsync(Key("a@acme.example"), "ses-a", RecipientOutcome.BouncedPermanent);
        await RecordAsync(Key("b@acme.example"), "ses-b", RecipientOutcome.Rejected);

        Assert.Equal([Change], await Outcomes.ListUndeliveredChangesAsync(null, Ct));
    }
}
