using System.Text.Json.Serialization;

namespace ChangeMgmt.Core.Delivery;

[JsonConverter(typeof(JsonStringEnumConverter<CustomerDeliveryState>))]
public enum CustomerDeliveryState
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
