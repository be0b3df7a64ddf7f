using ChangeMgmt.Core.Ports;
using Microsoft.Data.Sqlite;

namespace ChangeMgmt.Local;

/// <summary>
/// The ListContacts filter as SQL. A contact's status for a topic is OPT_OUT when it unsubscribed
/// from everything, else its explicit preference, else (with UseDefaultIfPreferenceUnavailable)
/// the topic's default; without a topic, the filter is on UnsubscribeAll alone.
/// </summary>
internal static class ContactFilterSql
{
    private const string TopicStatus = """
        CASE WHEN unsubscribe_all = 1 THEN 'OPT_OUT' ELSE COALESCE(
            (SELECT json_extract(p.value, '$.SubscriptionStatus') FROM json_each(topic_preferences) AS p
             WHERE json_extract(p.value, '$.TopicName') = $topic LIMIT 1),
            $default) END
        """;

    public static SqliteCommand Select(SqliteConnection connection, string customerCode, SesContactList list, ContactFilter? filter, string after, int limit)
    {
        var condition = filter switch
        {
            null => "1 = 1",
            { TopicName: null } => "unsubscribe_all = $unsubscribed",
            _ => $"({TopicStatus}) = $status",
        };
        return connection.Command(
            $"""
            SELECT email_key, email, topic_preferences, unsubscribe_all, updated_at FROM ses_contacts
            WHERE customer_code = $customer AND list_name = $list AND email_key > $after AND {condition}
            ORDER BY email_key LIMIT $limit
            """,
            null,
            ("$customer", customerCode), ("$list", list.ContactListName), ("$after", after), ("$limit", limit),
            ("$status", filter?.FilteredStatus.ToAws()),
            ("$unsubscribed", filter?.FilteredStatus == SubscriptionStatus.OptOut),
            ("$topic", filter?.TopicName),
            ("$default", DefaultFor(list, filter)));
    }

    private static string? DefaultFor(SesContactList list, ContactFilter? filter) =>
        filter is { UseDefaultIfPreferenceUnavailable: true, TopicName: { } topic }
            ? list.Topics.FirstOrDefault(t => t.TopicName == topic)?.DefaultSubscriptionStatus.ToAws()
            : null;
}
