using System.Text.Json.Serialization;
using ChangeMgmt.Core.Feedback;
using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Core.Delivery;

[JsonConverter(typeof(JsonStringEnumConverter<CustomerDeliveryState>))]
// long, not int: PowerShell's ConvertTo-Json writes long-based enums by name, so exported output reads as words.
public enum CustomerDeliveryState : long
{
    [JsonStringEnumMemberName("pending")] Pending,
    [JsonStringEnumMemberName("queued")] Queued,
    [JsonStringEnumMemberName("sending")] Sending,
    [JsonStringEnumMemberName("retrying")] Retrying,
    [JsonStringEnumMemberName("sent")] Sent,
    [JsonStringEnumMemberName("failed")] Failed,
}

/// <summary>
/// Where one customer's notifications of the change's current version are (see <see cref="DeliveryStatusReader"/>).
/// <see cref="DeadLetters"/>: this customer's dead letters naming the change since this version was written.
/// <see cref="TopicsWithoutRecipients"/>: the topics of notifications processed with nobody to send to (nobody
/// subscribed, or every subscriber suppressed): "sent 0 of 0" there means nobody was told.
/// <see cref="Outcomes"/>: what SES reported about the sent emails; <see cref="Problems"/>: the recipients not reached
/// or who complained, with the reason (the latest <see cref="DeliveryStatusRules.MaxProblems"/>; the counts cover all).
/// </summary>
public sealed record CustomerDeliveryStatus(
    string ChangeId, int Version, string Customer, CustomerDeliveryState State, int Sent, int Failed, int Total, int DeadLetters,
    string? Error, DateTimeOffset? UpdatedAt, IReadOnlyList<string> TopicsWithoutRecipients,
    DeliveryOutcomeCounts Outcomes, IReadOnlyList<RecipientProblem> Problems);

/// <summary>
/// The sent emails by what SES said since: delivered, bounced (permanently or after SES stopped retrying), complained
/// about, rejected, or pending (no final word yet: accepted or delayed, or sent before feedback was recorded).
/// </summary>
public sealed record DeliveryOutcomeCounts(int Delivered, int Bounced, int Complained, int Rejected, int Pending);

/// <summary>
/// A recipient whose email did not arrive (a failed send: <paramref name="State"/> Failed with the error; a bounce or reject:
/// <paramref name="Outcome"/> with SES's words) or who complained about it.
/// </summary>
public sealed record RecipientProblem(
    string Recipient, NotificationKind Notification, DeliveryState State, RecipientOutcome? Outcome, string? Reason, DateTimeOffset? At);
