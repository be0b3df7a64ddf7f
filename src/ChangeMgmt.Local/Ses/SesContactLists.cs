using ChangeMgmt.Core.Ports;
using Microsoft.Data.Sqlite;

namespace ChangeMgmt.Local;

/// <summary>One account's contact list (SES allows one per account) and its topics.</summary>
internal sealed class SesContactLists(LocalDatabase database, string customerCode, TimeProvider time)
{
    // Sends check their list and topic on every call; a list read stays good for a moment, and any
    // list write of this process forgets it at once (another process's write shows within the moment).
    private static readonly TimeSpan CachedFor = TimeSpan.FromSeconds(1);
    private (string Name, SesContactList List, DateTimeOffset Until)? _cached;

    public async Task CreateAsync(SesContactList list, CancellationToken ct)
    {
        ValidateTopics(list);
        var now = time.NowMs();
        _cached = null;
        await database.WriteAsync((connection, transaction) => Insert(connection, transaction, list, now), ct).ConfigureAwait(false);
    }

    private void Insert(SqliteConnection connection, SqliteTransaction transaction, SesContactList list, long now)
    {
        var existing = connection.Scalar("SELECT name FROM ses_contact_lists WHERE customer_code = $customer", transaction, ("$customer", customerCode)) as string;
        if (existing == list.ContactListName)
            throw SesErrors.AlreadyExists(customerCode, $"contact list '{list.ContactListName}'");
        if (existing is not null)
            throw SesErrors.LimitExceeded(customerCode, $"an account can have only one contact list, and '{existing}' exists.");
        connection.Execute(
            """
            INSERT INTO ses_contact_lists (customer_code, name, description, topics, created_at, updated_at)
            VALUES ($customer, $name, $description, $topics, $now, $now)
            """,
            transaction, ("$customer", customerCode), ("$name", list.ContactListName), ("$description", list.Description),
            ("$topics", SesJson.WriteTopics(list.Topics)), ("$now", now));
    }

    /// <summary>The list for a send: cached briefly, since every recipient of a notification asks the same.</summary>
    public SesContactList? FindForSend(string name)
    {
        var cached = _cached;
        var now = time.GetUtcNow();
        if (cached is { } hit && hit.Name == name && hit.Until > now)
            return hit.List;
        using var connection = database.OpenConnection();
        var list = Find(connection, null, name);
        _cached = list is null ? null : (name, list, now + CachedFor);
        return list;
    }

    public SesContactList Get(string name)
    {
        using var connection = database.OpenConnection();
        return Find(connection, null, name) ?? throw NotFound(name);
    }

    /// <summary>As SES ListContactLists: names and last-update times only.</summary>
    public Page<SesContactList> List()
    {
        using var connection = database.OpenConnection();
        using var command = connection.Command(
            "SELECT name, updated_at FROM ses_contact_lists WHERE customer_code = $customer ORDER BY name",
            null, ("$customer", customerCode));
        using var reader = command.ExecuteReader();
        var lists = new List<SesContactList>();
        while (reader.Read())
            lists.Add(new SesContactList(reader.GetString(0), null, [], LastUpdatedTimestamp: UnixTime.FromMs(reader.GetInt64(1))));
        return new Page<SesContactList>(lists, null);
    }

    public async Task UpdateAsync(SesContactList list, CancellationToken ct)
    {
        ValidateTopics(list);
        var now = time.NowMs();
        _cached = null;
        var changed = await database.WriteAsync((connection, transaction) => connection.Execute(
            """
            UPDATE ses_contact_lists SET description = $description, topics = $topics, updated_at = $now
            WHERE customer_code = $customer AND name = $name
            """,
            transaction, ("$customer", customerCode), ("$name", list.ContactListName), ("$description", list.Description),
            ("$topics", SesJson.WriteTopics(list.Topics)), ("$now", now)), ct).ConfigureAwait(false);
        if (changed == 0)
            throw NotFound(list.ContactListName);
    }

    public Task DeleteAsync(string name, CancellationToken ct) =>
        database.WriteAsync((connection, transaction) =>
        {
            _cached = null;
            var parameters = new (string, object?)[] { ("$customer", customerCode), ("$name", name) };
            if (connection.Execute("DELETE FROM ses_contact_lists WHERE customer_code = $customer AND name = $name", transaction, parameters) == 0)
                throw NotFound(name);
            connection.Execute("DELETE FROM ses_contacts WHERE customer_code = $customer AND list_name = $name", transaction, parameters);
        }, ct);

    /// <summary>The list with its topics, or null; used by contacts and sends in their own transaction.</summary>
    public SesContactList? Find(SqliteConnection connection, SqliteTransaction? transaction, string name)
    {
        using var command = connection.Command(
            """
            SELECT description, topics, created_at, updated_at FROM ses_contact_lists
            WHERE customer_code = $customer AND name = $name
            """,
            transaction, ("$customer", customerCode), ("$name", name));
        using var reader = command.ExecuteReader();
        if (!reader.Read())
            return null;
        return new SesContactList(name, reader.NullableString(0), SesJson.ReadTopics(reader.GetString(1)),
            UnixTime.FromMs(reader.GetInt64(2)), UnixTime.FromMs(reader.GetInt64(3)));
    }

    public Exception NotFound(string name) => SesErrors.NotFound(customerCode, $"contact list '{name}'");

    private void ValidateTopics(SesContactList list)
    {
        if (string.IsNullOrWhiteSpace(list.ContactListName))
            throw SesErrors.BadRequest(customerCode, "ContactListName is required.");
        var duplicate = list.Topics.GroupBy(t => t.TopicName, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw SesErrors.BadRequest(customerCode, $"topic '{duplicate.Key}' appears more than once in contact list '{list.ContactListName}'.");
    }
}
