using System.Text.Json.Serialization;

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
/// </summary>
public sealed record CustomerDeliveryStatus(
    string ChangeId, int Version, string Customer, CustomerDeliveryState State, int Sent, int Failed, int Total, int DeadLetters,
    string? Error, DateTimeOffset? UpdatedAt, IReadOnlyList<string> TopicsWithoutRecipients);
