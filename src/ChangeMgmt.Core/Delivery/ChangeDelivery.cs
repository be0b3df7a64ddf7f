using ChangeMgmt.Core.Feedback;
using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Core.Delivery;

/// <summary>One email of one change: to whom, which notification, its state and SES message id, and what SES said about it since (<see cref="Outcome"/>).</summary>
public sealed record ChangeDelivery(
    string ChangeId,
    string CustomerCode,
    NotificationKind Kind,
    int Version,
    string Recipient,
    string Topic,
    DeliveryState State,
    string? MessageId,
    string? Error,
    int Attempts,
    DateTimeOffset UpdatedAt,
    RecipientOutcome? Outcome = null,
    string? OutcomeDetail = null,
    DateTimeOffset? OutcomeAt = null)
{
    public static ChangeDelivery From(DeliveryRecord r) => new(
        r.Key.ChangeId, r.Key.CustomerCode, r.Key.Kind, r.Key.Version, r.Key.Recipient, r.Topic, r.State, r.MessageId, r.Error, r.Attempts, r.UpdatedAt,
        r.Outcome, r.OutcomeDetail, r.OutcomeAt);
}

/// <summary>What happened to one queue message (or message body) when it was processed.</summary>
public sealed record ProcessedMessage(
    string? CustomerCode,
    string MessageId,
    string Outcome,
    string Description,
    IReadOnlyList<CustomerDelivery> Deliveries,
    bool DryRun)
{
    public static ProcessedMessage From(string? customerCode, string messageId, MessageOutcome outcome, bool dryRun) => new(
        customerCode, messageId, outcome.GetType().Name, outcome.Description,
        outcome is MessageOutcome.Completed completed ? completed.Deliveries : [], dryRun);
}
