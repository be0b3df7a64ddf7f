using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Aws.Ses;

// Request bodies of the SES v2 management operations, named and shaped as in the API reference.

internal sealed record TopicBody(string TopicName, string DisplayName, string? Description, string DefaultSubscriptionStatus)
{
    public static TopicBody From(SesTopic topic) =>
        new(topic.TopicName, topic.DisplayName, string.IsNullOrEmpty(topic.Description) ? null : topic.Description, topic.DefaultSubscriptionStatus.ToAws());
}

internal sealed record TopicPreferenceBody(string TopicName, string SubscriptionStatus)
{
    public static TopicPreferenceBody From(TopicPreference preference) => new(preference.TopicName, preference.SubscriptionStatus.ToAws());
}

internal sealed record CreateContactListBody(string ContactListName, IReadOnlyList<TopicBody> Topics, string? Description)
{
    public static CreateContactListBody From(SesContactList list) =>
        new(list.ContactListName, [.. list.Topics.Select(TopicBody.From)], list.Description);
}

/// <summary>UpdateContactList: the name is in the path.</summary>
internal sealed record UpdateContactListBody(IReadOnlyList<TopicBody> Topics, string? Description)
{
    public static UpdateContactListBody From(SesContactList list) => new([.. list.Topics.Select(TopicBody.From)], list.Description);
}

internal sealed record CreateContactBody(string EmailAddress, IReadOnlyList<TopicPreferenceBody> TopicPreferences, bool UnsubscribeAll, string? AttributesData)
{
    public static CreateContactBody From(SesContact contact) =>
        new(contact.EmailAddress, [.. contact.TopicPreferences.Select(TopicPreferenceBody.From)], contact.UnsubscribeAll, contact.AttributesData);
}

/// <summary>UpdateContact: list name and address are in the path.</summary>
internal sealed record UpdateContactBody(IReadOnlyList<TopicPreferenceBody> TopicPreferences, bool UnsubscribeAll, string? AttributesData)
{
    public static UpdateContactBody From(SesContact contact) =>
        new([.. contact.TopicPreferences.Select(TopicPreferenceBody.From)], contact.UnsubscribeAll, contact.AttributesData);
}

internal sealed record TopicFilterBody(string? TopicName, bool UseDefaultIfPreferenceUnavailable);

internal sealed record ListContactsFilterBody(string FilteredStatus, TopicFilterBody? TopicFilter)
{
    public static ListContactsFilterBody? From(ContactFilter? filter) => filter is null ? null : new(
        filter.FilteredStatus.ToAws(),
        filter.TopicName is null ? null : new TopicFilterBody(filter.TopicName, filter.UseDefaultIfPreferenceUnavailable));
}

/// <summary>ListContacts: filter and paging travel in the body of a POST.</summary>
internal sealed record ListContactsBody(ListContactsFilterBody? Filter, int PageSize, string? NextToken);

internal sealed record PutSuppressedDestinationBody(string EmailAddress, string Reason)
{
    public static string ReasonOf(SuppressionReason reason) => reason == SuppressionReason.Bounce ? "BOUNCE" : "COMPLAINT";
}

internal sealed record PutAccountSuppressionAttributesBody(IReadOnlyList<string> SuppressedReasons);

/// <summary>PutAccountDetails asking for production access; WebsiteURL is spelled so in the API.</summary>
internal sealed record PutAccountDetailsBody(
    string MailType,
    [property: System.Text.Json.Serialization.JsonPropertyName("WebsiteURL")] string WebsiteUrl,
    string UseCaseDescription,
    bool ProductionAccessEnabled = true);

internal sealed record DkimSigningAttributesBody(string NextSigningKeyLength);

internal sealed record CreateEmailIdentityBody(string EmailIdentity, DkimSigningAttributesBody DkimSigningAttributes, string? ConfigurationSetName);

internal sealed record PutDkimSigningAttributesBody(string SigningAttributesOrigin, DkimSigningAttributesBody SigningAttributes);

internal sealed record PutMailFromAttributesBody(string MailFromDomain, string BehaviorOnMxFailure);

internal sealed record PutIdentityConfigurationSetBody(string ConfigurationSetName);

internal sealed record ReputationOptionsBody(bool ReputationMetricsEnabled);

internal sealed record SendingOptionsBody(bool SendingEnabled);

internal sealed record CreateConfigurationSetBody(string ConfigurationSetName, ReputationOptionsBody ReputationOptions, SendingOptionsBody SendingOptions);
