using ChangeMgmt.Core.Changes;
using ChangeMgmt.Core.Delivery;
using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Tests.Delivery;

/// <summary>Every state of <see cref="DeliveryStatusRules"/>, from the evidence alone.</summary>
public sealed class DeliveryStatusRulesTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly Change Submitted = new() { ChangeId = "CHG-20260301-ABC123", Customers = ["acme"], Status = ChangeStatus.Submitted, Version = 2, ModifiedAt = T0 };
    private static readonly StoredObject Trigger = new("customers/acme/CHG-20260301-ABC123.json", [], "\"1\"", T0.AddSeconds(1));

    private static DeliveryEvidence Evidence(
        DeliveryRecord[]? records = null, DeliveryRecord[]? outcomes = null, DeadLetter[]? letters = null,
        DeliveryAttempt? attempt = null, StoredObject? trigger = null, TriggerFailure? triggerFailure = null) =>
        new(DeliverySubject.Of(Submitted), "acme", records ?? [], outcomes ?? [], letters ?? [], attempt, trigger, triggerFailure);

    private static DeliveryRecord Record(string recipient, DeliveryState state, int second, string? error = null) =>
        new(new DeliveryKey("acme", Submitted.ChangeId, NotificationKind.ApprovalRequest, 2, recipient), "aws-approval", state, null, error, 1, T0.AddSeconds(second));

    private static DeliveryRecord Outcome(DeliveryState state, int second, string? error = null) =>
        Record(DeliveryKey.OutcomeRecipient, state, second, error);

    private static DeliveryAttempt Attempt(int attempt, int max) =>
        new("acme", Submitted.ChangeId, 2, attempt, max, "SES throttled", "m-1", T0.AddSeconds(5));

    private static DeadLetter Letter(string reason, int second) => new("acme", "m-" + second, "{}", reason, T0.AddSeconds(second));

    [Fact]
    public void Nothing_written_is_pending_with_no_counts()
    {
        var status = DeliveryStatusRules.Of(DeliveryEvidence.None(DeliverySubject.Of(Submitted with { Status = ChangeStatus.Draft }), "acme"));

        Assert.Equal((CustomerDeliveryState.Pending, 0, 0, 0, 0, null), (status.State, status.Sent, status.Failed, status.Total, status.DeadLetters, status.Error));
        Assert.Equal((Submitted.ChangeId, 2, "acme"), (status.ChangeId, status.Version, status.Customer));
    }

    [Fact]
    public void A_trigger_of_this_version_is_queued_at_its_time()
    {
        var status = DeliveryStatusRules.Of(Evidence(trigger: Trigger));

        Assert.Equal((CustomerDeliveryState.Queued, (DateTimeOffset?)Trigger.LastModified), (status.State, status.UpdatedAt));
    }

    [Fact]
    public void Records_without_an_outcome_are_sending_with_the_sent_so_far()
    {
        var status = DeliveryStatusRules.Of(Evidence([Record("a@acme.example", DeliveryState.Sent, 2), Record("b@acme.example", DeliveryState.Sending, 3)], trigger: Trigger));

        Assert.Equal((CustomerDeliveryState.Sending, 1, 0, 2), (status.State, status.Sent, status.Failed, status.Total));
    }

    [Fact]
    public void Every_record_sent_and_the_notification_processed_is_sent_even_after_an_earlier_dead_letter()
    {
        var status = DeliveryStatusRules.Of(Evidence(
            [Record("a@acme.example", DeliveryState.Sent, 2), Record("b@acme.example", DeliveryState.Sent, 3)], [Outcome(DeliveryState.Sent, 4)],
            letters: [Letter("exceeded maxReceiveCount", 1)]));

        Assert.Equal((CustomerDeliveryState.Sent, 2, 2, 1, null), (status.State, status.Sent, status.Total, status.DeadLetters, status.Error));
        Assert.Equal(T0.AddSeconds(4), status.UpdatedAt);
        Assert.Empty(status.TopicsWithoutRecipients);
    }

    [Fact]
    public void Processed_with_nobody_to_send_to_is_sent_naming_the_topic()
    {
        var status = DeliveryStatusRules.Of(Evidence(outcomes: [Outcome(DeliveryState.Sent, 2)]));

        Assert.Equal((CustomerDeliveryState.Sent, 0), (status.State, status.Total));
        Assert.Equal(["aws-approval"], status.TopicsWithoutRecipients);
    }

    [Fact]
    public void A_failed_attempt_with_receives_left_is_retrying_with_its_text()
    {
        var status = DeliveryStatusRules.Of(Evidence([Record("a@acme.example", DeliveryState.Sent, 2)], attempt: Attempt(2, 5), trigger: Trigger));

        Assert.Equal((CustomerDeliveryState.Retrying, "retrying, attempt 2 of 5: SES throttled"), (status.State, status.Error));
    }

    [Fact]
    public void The_last_attempt_is_failed()
    {
        var status = DeliveryStatusRules.Of(Evidence(attempt: Attempt(5, 5), trigger: Trigger));

        Assert.Equal(CustomerDeliveryState.Failed, status.State);
        Assert.StartsWith("failed, attempt 5 of 5", status.Error);
    }

    [Fact]
    public void A_failed_record_is_failed_with_the_latest_error_and_counted()
    {
        var status = DeliveryStatusRules.Of(Evidence(
            [Record("a@acme.example", DeliveryState.Failed, 2, "old"), Record("b@acme.example", DeliveryState.Failed, 3, "MessageRejected"), Record("c@acme.example", DeliveryState.Sent, 4)],
            [Outcome(DeliveryState.Sent, 5)]));

        Assert.Equal((CustomerDeliveryState.Failed, 1, 2, 3, "MessageRejected"), (status.State, status.Sent, status.Failed, status.Total, status.Error));
    }

    [Fact]
    public void A_notification_that_could_not_be_processed_is_failed_with_its_reason()
    {
        var status = DeliveryStatusRules.Of(Evidence(outcomes: [Outcome(DeliveryState.Failed, 2, "the contact list has no topic aws-approval")], trigger: Trigger));

        Assert.Equal((CustomerDeliveryState.Failed, "the contact list has no topic aws-approval"), (status.State, status.Error));
    }

    [Fact]
    public void Dead_letters_are_failed_with_the_latest_reason_and_counted()
    {
        var status = DeliveryStatusRules.Of(Evidence(letters: [Letter("first", 2), Letter("The change is not in the archive", 3)], trigger: Trigger));

        Assert.Equal((CustomerDeliveryState.Failed, 2, "The change is not in the archive"), (status.State, status.DeadLetters, status.Error));
        Assert.Equal(T0.AddSeconds(3), status.UpdatedAt);
    }

    [Fact]
    public void A_trigger_that_could_not_be_written_is_failed_with_the_write_error()
    {
        var failure = new TriggerFailure(Submitted.ChangeId, "acme", 2, "AccessDenied", T0.AddSeconds(2), 3, T0.AddSeconds(10));

        var status = DeliveryStatusRules.Of(Evidence(triggerFailure: failure));

        Assert.Equal((CustomerDeliveryState.Failed, "The trigger could not be written: AccessDenied"), (status.State, status.Error));
    }
}
