using ChangeMgmt.Core.Ports;
using Microsoft.Data.Sqlite;

namespace ChangeMgmt.Local;

/// <summary>Reads what the local SES accounts sent (the sent_messages table).</summary>
public sealed class LocalOutbox(LocalDatabase database)
{
    public const int MaxPageSize = 1000;

    private const string Columns = "message_id, customer_code, from_address, to_address, subject, topic, contact_list, tags, sent_at";

    /// <summary>Newest first; all customers when <paramref name="customerCode"/> is null.</summary>
    public Task<Page<SentEmail>> ListAsync(string? customerCode, int pageSize, string? pageToken, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(pageSize, MaxPageSize);
        var before = ParseToken(pageToken);
        using var connection = database.OpenConnection();
        using var command = connection.Command(
            $"""
            SELECT seq, {Columns} FROM sent_messages
            WHERE ($customer IS NULL OR customer_code = $customer) AND seq < $before
            ORDER BY seq DESC LIMIT $limit
            """,
            null, ("$customer", customerCode), ("$before", before), ("$limit", pageSize + 1));
        using var reader = command.ExecuteReader();
        var rows = new List<(long Seq, SentEmail Email)>();
        while (reader.Read())
            rows.Add((reader.GetInt64(0), Read(reader, 1)));
        var page = rows.Take(pageSize).ToList();
        var next = rows.Count > pageSize ? page[^1].Seq.ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
        return Task.FromResult(new Page<SentEmail>([.. page.Select(r => r.Email)], next));
    }

    public Task<SentEmailContent?> GetAsync(string messageId, CancellationToken ct)
    {
        using var connection = database.OpenConnection();
        using var command = connection.Command(
            $"SELECT {Columns}, mime FROM sent_messages WHERE message_id = $id", null, ("$id", messageId));
        using var reader = command.ExecuteReader();
        SentEmailContent? found = reader.Read() ? new SentEmailContent(Read(reader, 0), (byte[])reader.GetValue(9)) : null;
        return Task.FromResult(found);
    }

    /// <summary>Messages sent, optionally for one customer and/or one recipient address (case-insensitive).</summary>
    public Task<int> CountAsync(string? customerCode, string? recipient, CancellationToken ct)
    {
        using var connection = database.OpenConnection();
        var count = connection.Scalar(
            """
            SELECT COUNT(*) FROM sent_messages
            WHERE ($customer IS NULL OR customer_code = $customer) AND ($recipient IS NULL OR recipient_key = $recipient)
            """,
            null, ("$customer", customerCode), ("$recipient", recipient?.Trim().ToLowerInvariant()));
        return Task.FromResult(Convert.ToInt32(count));
    }

    /// <summary>How many distinct (customer, recipient) pairs were sent anything: with <see cref="CountAsync"/>, reveals duplicates.</summary>
    public Task<int> CountDistinctRecipientsAsync(CancellationToken ct)
    {
        using var connection = database.OpenConnection();
        var count = connection.Scalar("SELECT COUNT(*) FROM (SELECT DISTINCT customer_code, recipient_key FROM sent_messages)", null);
        return Task.FromResult(Convert.ToInt32(count));
    }

    /// <summary>
    /// The most messages one customer's account sent within any span of <paramref name="window"/>
    /// (by the time each send was accepted): what its send rate allowed at the busiest moment.
    /// </summary>
    public Task<int> MaxSentInAnyWindowAsync(string customerCode, TimeSpan window, CancellationToken ct)
    {
        using var connection = database.OpenConnection();
        using var command = connection.Command(
            "SELECT sent_at FROM sent_messages WHERE customer_code = $customer ORDER BY sent_at", null, ("$customer", customerCode));
        using var reader = command.ExecuteReader();
        var times = new List<long>();
        while (reader.Read())
            times.Add(reader.GetInt64(0));
        var (most, first) = (0, 0);
        for (var last = 0; last < times.Count; last++)
        {
            while (times[last] - times[first] >= window.TotalMilliseconds)
                first++;
            most = Math.Max(most, last - first + 1);
        }
        return Task.FromResult(most);
    }

    private static long ParseToken(string? pageToken) =>
        pageToken is null ? long.MaxValue
        : long.TryParse(pageToken, System.Globalization.CultureInfo.InvariantCulture, out var seq) ? seq
        : throw new ArgumentException($"'{pageToken}' is not a page token of this list.", nameof(pageToken));

    private static SentEmail Read(SqliteDataReader reader, int first) => new(
        reader.GetString(first),
        reader.GetString(first + 1),
        reader.GetString(first + 2),
        reader.GetString(first + 3),
        reader.GetString(first + 4),
        reader.NullableString(first + 5),
        reader.NullableString(first + 6),
        SesJson.ReadTags(reader.GetString(first + 7)),
        UnixTime.FromMs(reader.GetInt64(first + 8)));
}
