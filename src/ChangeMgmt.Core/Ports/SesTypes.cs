namespace ChangeMgmt.Core.Ports;

// Shapes mirror the Amazon SES v2 API reference (contact lists, contacts, suppression, SendEmail).

// long, not int: PowerShell's ConvertTo-Json writes long-based enums by name, so exported output reads as words.

public enum SubscriptionStatus : long { OptIn, OptOut }

public static class SubscriptionStatuses
{
    public static SubscriptionStatus? Parse(string? value) => value?.Trim().ToUpperInvariant() switch
    {
        "OPT_IN" => SubscriptionStatus.OptIn,
        "OPT_OUT" => SubscriptionStatus.OptOut,
        _ => null,
    };

    public static string ToAws(this SubscriptionStatus status) =>
        status == SubscriptionStatus.OptIn ? "OPT_IN" : "OPT_OUT";
}

// long, not int: PowerShell's ConvertTo-Json writes long-based enums by name, so exported output reads as words.

public enum SuppressionReason : long { Bounce, Complaint }

public sealed record SesTopic(string TopicName, string DisplayName, string Description, SubscriptionStatus DefaultSubscriptionStatus);

public sealed record SesContactList(
    string ContactListName,
    string? Description,
    IReadOnlyList<SesTopic> Topics,
    DateTimeOffset? CreatedTimestamp = null,
    DateTimeOffset? LastUpdatedTimestamp = null);

public sealed record TopicPreference(string TopicName, SubscriptionStatus SubscriptionStatus);

public sealed record SesContact(
    string EmailAddress,
    IReadOnlyList<TopicPreference> TopicPreferences,
    bool UnsubscribeAll = false,
    string? AttributesData = null,
    IReadOnlyList<TopicPreference>? TopicDefaultPreferences = null,
    DateTimeOffset? CreatedTimestamp = null,
    DateTimeOffset? LastUpdatedTimestamp = null);

/// <summary>ListContacts filter: <c>Filter.FilteredStatus</c> and <c>Filter.TopicFilter</c>.</summary>
public sealed record ContactFilter(SubscriptionStatus FilteredStatus, string? TopicName, bool UseDefaultIfPreferenceUnavailable = true);

public sealed record SuppressedDestination(string EmailAddress, SuppressionReason Reason, DateTimeOffset LastUpdateTime);

public sealed record SendQuota(double MaxSendRate, double Max24HourSend, double SentLast24Hours);

public sealed record Page<T>(IReadOnlyList<T> Items, string? NextToken);

public sealed record EmailAttachment(string FileName, string ContentType, byte[] Content, string? Method = null);

/// <summary>ListManagementOptions: SES adds unsubscribe links and headers for this list and topic.</summary>
public sealed record ListManagementOptions(string ContactListName, string TopicName);

/// <summary>One SendEmail call: one recipient, simple content (HTML + text), optional attachments.</summary>
public sealed record OutgoingEmail(
    string From,
    string To,
    string Subject,
    string HtmlBody,
    string TextBody,
    ListManagementOptions? ListManagement,
    IReadOnlyList<EmailAttachment> Attachments,
    IReadOnlyDictionary<string, string> Tags,
    string? ConfigurationSetName = null);
