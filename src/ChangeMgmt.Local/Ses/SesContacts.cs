using ChangeMgmt.Core.Ports;
using Microsoft.Data.Sqlite;

namespace ChangeMgmt.Local;

/// <summary>The contacts of one account's contact list; email addresses are unique regardless of case.</summary>
internal sealed class SesContacts(LocalDatabase database, string customerCode, SesContactLists lists, TimeProvider time)
{
    public const int MaxPageSize = 1000;

    public async Task CreateAsync(string listName, SesContact contact, CancellationToken ct)
    {
        ValidateEmail(contact.EmailAddress);
        var now = time.NowMs();
        await database.WriteAsync((connection, transaction) => Insert(connection, transaction, listName, contact, now), ct).ConfigureAwait(false);
    }

    private void Insert(SqliteConnection connection, SqliteTransaction transaction, string listName, SesContact contact, long now)
    {
        _ = lists.Find(connection, transaction, listName) ?? throw lists.NotFound(listName);
        var inserted = connection.Execute(
            """
            INSERT INTO ses_contacts (customer_code, list_name, email_key, email, topic_preferences, unsubscribe_all, attributes, created_at, updated_at)
            VALUES ($customer, $list, $key, $email, $preferences, $unsubscribeAll, $attributes, $now, $now)
            ON CONFLICT DO NOTHING
            """,
            transaction, [.. ContactParameters(listName, contact), ("$email", contact.EmailAddress.Trim()), ("$now", now)]);
        if (inserted == 0)
            throw SesErrors.AlreadyExists(customerCode, $"contact '{contact.EmailAddress}' in contact list '{listName}'");
    }

    public SesContact Get(string listName, string emailAddress)
    {
        using var connection = database.OpenConnection();
        var list = lists.Find(connection, null, listName) ?? throw lists.NotFound(listName);
        using var command = connection.Command(
            """
            SELECT email, topic_preferences, unsubscribe_all, attributes, created_at, updated_at FROM ses_contacts
            WHERE customer_code = $customer AND list_name = $list AND email_key = $key
            """,
            null, ("$customer", customerCode), ("$list", listName), ("$key", EmailKey(emailAddress)));
        using var reader = command.ExecuteReader();
        if (!reader.Read())
            throw NotFound(listName, emailAddress);
        return new SesContact(reader.GetString(0), SesJson.ReadPreferences(reader.GetString(1)), reader.GetBoolean(2),
            reader.NullableString(3), Defaults(list), UnixTime.FromMs(reader.GetInt64(4)), UnixTime.FromMs(reader.GetInt64(5)));
    }

    /// <summary>As SES ListContacts: ordered pages, optionally filtered by subscription status (for a topic).</summary>
    public Page<SesContact> List(string listName, ContactFilter? filter, int pageSize, string? nextToken)
    {
        if (pageSize is < 1 or > MaxPageSize)
            throw SesErrors.BadRequest(customerCode, $"PageSize must be between 1 and {MaxPageSize}.");
        var after = PageToken.Decode(nextToken, customerCode);
        using var connection = database.OpenConnection();
        var list = lists.Find(connection, null, listName) ?? throw lists.NotFound(listName);
        using var command = ContactFilterSql.Select(connection, customerCode, list, filter, after, pageSize + 1);
        using var reader = command.ExecuteReader();
        var contacts = new List<(string Key, SesContact Contact)>();
        var defaults = Defaults(list);
        // Contacts share a handful of preference sets: parse each distinct one once per page.
        var parsed = new Dictionary<string, IReadOnlyList<TopicPreference>>(StringComparer.Ordinal);
        while (reader.Read())
            contacts.Add((reader.GetString(0), new SesContact(reader.GetString(1), Preferences(reader.GetString(2), parsed),
                reader.GetBoolean(3), TopicDefaultPreferences: defaults, LastUpdatedTimestamp: UnixTime.FromMs(reader.GetInt64(4)))));
        var more = contacts.Count > pageSize;
        var page = contacts.Take(pageSize).ToList();
        return new Page<SesContact>([.. page.Select(c => c.Contact)], more ? PageToken.Encode(page[^1].Key) : null);
    }

    private static IReadOnlyList<TopicPreference> Preferences(string json, Dictionary<string, IReadOnlyList<TopicPreference>> parsed)
    {
        if (!parsed.TryGetValue(json, out var preferences))
            parsed[json] = preferences = SesJson.ReadPreferences(json);
        return preferences;
    }

    public Task UpdateAsync(string listName, SesContact contact, CancellationToken ct)
    {
        var now = time.NowMs();
        return database.WriteAsync((connection, transaction) => Replace(connection, transaction, listName, contact, now), ct);
    }

    private void Replace(SqliteConnection connection, SqliteTransaction transaction, string listName, SesContact contact, long now)
    {
        _ = lists.Find(connection, transaction, listName) ?? throw lists.NotFound(listName);
        var changed = connection.Execute(
            """
            UPDATE ses_contacts SET topic_preferences = $preferences, unsubscribe_all = $unsubscribeAll,
                attributes = COALESCE($attributes, attributes), updated_at = $now
            WHERE customer_code = $customer AND list_name = $list AND email_key = $key
            """,
            transaction, [.. ContactParameters(listName, contact), ("$now", now)]);
        if (changed == 0)
            throw NotFound(listName, contact.EmailAddress);
    }

    public Task DeleteAsync(string listName, string emailAddress, CancellationToken ct) =>
        database.WriteAsync((connection, transaction) =>
        {
            var deleted = connection.Execute(
                "DELETE FROM ses_contacts WHERE customer_code = $customer AND list_name = $list AND email_key = $key",
                transaction, ("$customer", customerCode), ("$list", listName), ("$key", EmailKey(emailAddress)));
            if (deleted == 0)
                throw lists.Find(connection, transaction, listName) is null ? lists.NotFound(listName) : NotFound(listName, emailAddress);
        }, ct);

    public static string EmailKey(string emailAddress) => emailAddress.Trim().ToLowerInvariant();

    private static IReadOnlyList<TopicPreference> Defaults(SesContactList list) =>
        [.. list.Topics.Select(t => new TopicPreference(t.TopicName, t.DefaultSubscriptionStatus))];

    private (string, object?)[] ContactParameters(string listName, SesContact contact) =>
    [
        ("$customer", customerCode), ("$list", listName), ("$key", EmailKey(contact.EmailAddress)),
        ("$preferences", SesJson.WritePreferences(contact.TopicPreferences)),
        ("$unsubscribeAll", contact.UnsubscribeAll), ("$attributes", contact.AttributesData),
    ];

    private Exception NotFound(string listName, string emailAddress) =>
        SesErrors.NotFound(customerCode, $"contact '{emailAddress}' in contact list '{listName}'");

    private void ValidateEmail(string emailAddress)
    {
        var at = emailAddress.Trim().IndexOf('@');
        if (at <= 0 || at == emailAddress.Trim().Length - 1)
            throw SesErrors.BadRequest(customerCode, $"'{emailAddress}' is not a valid email address.");
    }
}
