using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Serialization;
using ChangeMgmt.Core.Administration;
using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Core.Subscriptions;

public sealed record TopicStatus(string Name, string Status);

public sealed record SuppressionStatus(string Reason, DateTimeOffset At);

/// <summary>
/// A contact as a customer manages it: every topic of the list with its effective status, the suppression entry (if
/// any) and an ETag. SES has no version: the ETag hashes what a write would change plus SES's LastUpdatedTimestamp.
/// </summary>
public sealed record SubscriptionContact(
    string Email, IReadOnlyList<TopicStatus> Topics, bool UnsubscribeAll, [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] SuppressionStatus? Suppressed, DateTimeOffset? LastUpdated, [property: JsonPropertyName("etag")] string ETag)
{
    [JsonIgnore]
    public IReadOnlyList<string> OptedIn => [.. Topics.Where(t => t.Status == OptIn).Select(t => t.Name)];

    public const string OptIn = "OPT_IN";

    public static SubscriptionContact From(SesContactList list, CustomerContact contact, CustomerSuppression? suppressed) => new(
        contact.EmailAddress,
        [.. list.Topics.Select(t => new TopicStatus(t.TopicName, contact.SubscribedTopics.Contains(t.TopicName) ? OptIn : SubscriptionStatus.OptOut.ToAws()))],
        contact.UnsubscribeAll,
        suppressed is null ? null : new SuppressionStatus(suppressed.Reason.ToString().ToUpperInvariant(), suppressed.LastUpdateTime),
        contact.LastUpdatedTimestamp,
        ETagOf(contact));

    public static string ETagOf(CustomerContact contact)
    {
        var text = $"{contact.LastUpdatedTimestamp?.ToUnixTimeMilliseconds()}|{contact.UnsubscribeAll}|"
            + string.Join(";", contact.TopicPreferences.OrderBy(p => p.TopicName, StringComparer.Ordinal).Select(p => $"{p.TopicName}={p.SubscriptionStatus}"));
        return $"\"{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16]}\"";
    }
}
