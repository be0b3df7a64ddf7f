using ChangeMgmt.Core.Ports;
using Microsoft.Data.Sqlite;

namespace ChangeMgmt.Local;

/// <summary>One account's suppression list (account level, keyed by email address regardless of case).</summary>
internal sealed class SesSuppressionList(LocalDatabase database, string customerCode, TimeProvider time)
{
    public const int PageSize = 1000;

    public Task PutAsync(string emailAddress, SuppressionReason reason, CancellationToken ct)
    {
        var now = time.NowMs();
        return database.WriteAsync((connection, transaction) => connection.Execute(
            """
            INSERT INTO ses_suppressions (customer_code, email_key, email, reason, updated_at)
            VALUES ($customer, $key, $email, $reason, $now)
            ON CONFLICT (customer_code, email_key) DO UPDATE SET email = excluded.email, reason = excluded.reason, updated_at = excluded.updated_at
            """,
            transaction, ("$customer", customerCode), ("$key", SesContacts.EmailKey(emailAddress)), ("$email", emailAddress.Trim()),
            ("$reason", ToAws(reason)), ("$now", now)), ct);
    }

    public SuppressedDestination Get(string emailAddress)
    {
        using var connection = database.OpenConnection();
        using var command = connection.Command(
            "SELECT email, reason, updated_at FROM ses_suppressions WHERE customer_code = $customer AND email_key = $key",
            null, ("$customer", customerCode), ("$key", SesContacts.EmailKey(emailAddress)));
        using var reader = command.ExecuteReader();
        if (!reader.Read())
            throw NotFound(emailAddress);
        return new SuppressedDestination(reader.GetString(0), ParseReason(reader.GetString(1)), UnixTime.FromMs(reader.GetInt64(2)));
    }

    public Page<SuppressedDestination> List(string? nextToken)
    {
        var after = PageToken.Decode(nextToken, customerCode);
        using var connection = database.OpenConnection();
        using var command = connection.Command(
            """
            SELECT email_key, email, reason, updated_at FROM ses_suppressions
            WHERE customer_code = $customer AND email_key > $after ORDER BY email_key LIMIT $limit
            """,
            null, ("$customer", customerCode), ("$after", after), ("$limit", PageSize + 1));
        using var reader = command.ExecuteReader();
        var rows = new List<(string Key, SuppressedDestination Destination)>();
        while (reader.Read())
            rows.Add((reader.GetString(0), new SuppressedDestination(reader.GetString(1), ParseReason(reader.GetString(2)), UnixTime.FromMs(reader.GetInt64(3)))));
        var page = rows.Take(PageSize).ToList();
        return new Page<SuppressedDestination>([.. page.Select(r => r.Destination)], rows.Count > PageSize ? PageToken.Encode(page[^1].Key) : null);
    }

    public async Task DeleteAsync(string emailAddress, CancellationToken ct)
    {
        var deleted = await database.WriteAsync((connection, transaction) => connection.Execute(
            "DELETE FROM ses_suppressions WHERE customer_code = $customer AND email_key = $key",
            transaction, ("$customer", customerCode), ("$key", SesContacts.EmailKey(emailAddress))), ct).ConfigureAwait(false);
        if (deleted == 0)
            throw NotFound(emailAddress);
    }

    /// <summary>Whether the address is on the account's list, read inside the caller's transaction (a send's).</summary>
    internal static bool Contains(SqliteConnection connection, SqliteTransaction transaction, string customerCode, string emailAddress) =>
        connection.Scalar(
            "SELECT EXISTS (SELECT 1 FROM ses_suppressions WHERE customer_code = $customer AND email_key = $key)",
            transaction, ("$customer", customerCode), ("$key", SesContacts.EmailKey(emailAddress))) is 1L;

    private Exception NotFound(string emailAddress) =>
        SesErrors.NotFound(customerCode, $"suppressed destination '{emailAddress}'");

    private static string ToAws(SuppressionReason reason) => reason == SuppressionReason.Bounce ? "BOUNCE" : "COMPLAINT";

    private static SuppressionReason ParseReason(string value) => value == "BOUNCE" ? SuppressionReason.Bounce : SuppressionReason.Complaint;
}
