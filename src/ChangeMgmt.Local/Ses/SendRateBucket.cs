using Microsoft.Data.Sqlite;

namespace ChangeMgmt.Local;

/// <summary>
/// An SES account's maximum send rate as a token bucket (capacity max(1, rate), refilled at rate
/// tokens a second) kept in the database, one row per account, so that every process on the data
/// directory draws on the same account, as every sender draws on one SES account. A take is one
/// statement inside the caller's write transaction (BEGIN IMMEDIATE), which serialises it across processes.
/// </summary>
internal sealed class SendRateBucket(string customerCode, double defaultRate)
{
    // The rate is the one set for the account (by any process), else the default. A row is updated only when a
    // whole token is there; RETURNING then yields a row. Time that another process's clock already counted
    // (a little ahead of this one) is not refilled twice.
    private const string TakeSql = """
        INSERT INTO ses_send_tokens (customer_code, tokens, refilled_at, rate)
        SELECT $customer, MAX(1, rate) - 1, $now, rate
        FROM (SELECT COALESCE((SELECT max_send_rate FROM ses_accounts WHERE customer_code = $customer), $default) AS rate) WHERE true
        ON CONFLICT (customer_code) DO UPDATE SET
            tokens = MIN(MAX(1, excluded.rate), tokens + MAX(0, excluded.refilled_at - refilled_at) / 1000.0 * excluded.rate) - 1,
            refilled_at = MAX(refilled_at, excluded.refilled_at),
            rate = excluded.rate
        WHERE MIN(MAX(1, excluded.rate), tokens + MAX(0, excluded.refilled_at - refilled_at) / 1000.0 * excluded.rate) >= 1
        RETURNING tokens
        """;

    /// <summary>The account's rate: the one set for it (by any process), else the default.</summary>
    public double Rate(SqliteConnection connection, SqliteTransaction? transaction) =>
        connection.Scalar("SELECT max_send_rate FROM ses_accounts WHERE customer_code = $customer", transaction, ("$customer", customerCode))
            is { } stored ? Convert.ToDouble(stored) : defaultRate;

    /// <summary>Takes one token at <paramref name="nowMs"/>; false (and nothing changed) when the account has none left.</summary>
    public bool TryTake(SqliteConnection connection, SqliteTransaction transaction, long nowMs) =>
        connection.Scalar(TakeSql, transaction, ("$customer", customerCode), ("$now", nowMs), ("$default", defaultRate)) is not null;
}
