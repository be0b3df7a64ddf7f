using ChangeMgmt.Core.Delivery;
using ChangeMgmt.Core.Feedback;
using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Core.Administration;

/// <summary>A contact in a customer's list, with the topics it effectively receives.</summary>
public sealed record CustomerContact(
    string CustomerCode,
    string ContactListName,
    string EmailAddress,
    bool UnsubscribeAll,
    IReadOnlyList<TopicPreference> TopicPreferences,
    IReadOnlyList<string> SubscribedTopics,
    string? AttributesData,
    DateTimeOffset? CreatedTimestamp,
    DateTimeOffset? LastUpdatedTimestamp)
{
    public static CustomerContact From(string customerCode, SesContactList list, SesContact contact) => new(
        customerCode, list.ContactListName, contact.EmailAddress, contact.UnsubscribeAll, contact.TopicPreferences,
        list.Topics.Where(t => Audience.EffectiveStatus(contact, t) == SubscriptionStatus.OptIn).Select(t => t.TopicName).ToList(),
        contact.AttributesData, contact.CreatedTimestamp, contact.LastUpdatedTimestamp);

    /// <summary>What delivery feedback last did to the contact (a bounce or complaint under the customer's policy), from its attributes.</summary>
    public FeedbackMark? Feedback => FeedbackMark.Read(AttributesData);
}
