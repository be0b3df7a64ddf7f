using Microsoft.Data.Sqlite;

namespace ChangeMgmt.Local;

/// <summary>
/// An SES account's maximum send rate as a token bucket (capacity max(1, rate), refilled at rate
/// tokens a second) kept in the database, one row per account, so that every process on the data
/// directory draws on the same account, as every sender draws on one SES account. A take runs
/// inside the caller's write transaction (BEGIN IMMEDIATE), which serialises it across processes.
/// </summary>
internal sealed class SendRateBucket(string customerCode, double defaultRate)
{
    /// <summary>The account's rate: the one set for it (by any process), else the default.</summary>
    public double Rate(SqliteConnection connection, SqliteTransaction? transaction) =>
        connection.Scalar("SELECT max_send_rate FROM ses_accounts WHERE customer_code = $customer", transaction, ("$customer", customerCode))
            is { } stored ? Convert.ToDouble(stored) : defaultRate;

    /// <summary>Takes one token; false (and nothing changed) when the account has none left.</summary>
    public bool TryTake(SqliteConnection connection, SqliteTransaction transaction, long nowMs)
    {
        var rate = Rate(connection, transaction);
        var capacity = Math.Max(1, rate);
        var now = nowMs;
        var tokens = capacity;
        using (var read = connection.Command("SELECT tokens, refilled_at FROM ses_send_tokens WHERE customer_code = $customer", transaction, ("$customer", customerCode)))
        using (var row = read.ExecuteReader())
        {
            if (row.Read())
            {
                var refilledAt = row.GetInt64(1);
                // Another process's clock may be a little ahead: that time is not refilled twice.
                now = Math.Max(now, refilledAt);
                tokens = Math.Min(capacity, row.GetDouble(0) + (now - refilledAt) / 1000.0 * rate);
            }
        }
        if (tokens < 1)
            return false;
        connection.Execute(
            """
            INSERT INTO ses_send_tokens (customer_code, tokens, refilled_at) VALUES ($customer, $tokens, $now)
            ON CONFLICT (customer_code) DO UPDATE SET tokens = excluded.tokens, refilled_at = excluded.refilled_at
            """,
            transaction, ("$customer", customerCode), ("$tokens", tokens - 1), ("$now", now));
        return true;
    }
}
