using ChangeMgmt.Core.Feedback;
using ChangeMgmt.Core.Ports;
using Microsoft.Data.Sqlite;

namespace ChangeMgmt.Local;

/// <summary>The per-recipient outcomes, on the ledger's own rows.</summary>
public sealed partial class LocalDeliveryLedger
{
    private const string RecordMatch = "customer_code = $customer AND change_id = $change AND kind = $kind AND version = $version AND recipient = $recipient AND message_id = $messageId";

    public Task<FeedbackApplied> RecordAsync(DeliveryKey key, string messageId, RecipientFeedback feedback, CancellationToken ct) =>
        database.WriteAsync((connection, transaction) =>
        {
            // SES's event proves it accepted the send: a record its sender left Sending (it died before recording) or
            // Failed (it lost SES's reply) is Sent, so no takeover or retry sends it again.
            connection.Execute(
                $"""
                UPDATE delivery_ledger SET state = 'Sent', message_id = $messageId, error = NULL, claimed_until = NULL, updated_at = $now,
                    sent_at = $at, undelivered = NULL
                WHERE {KeyMatch} AND state IN ('Sending', 'Failed') AND recipient <> $outcomeRecipient
                """,
                transaction, [.. KeyParameters(key), ("$messageId", messageId), ("$now", _time.NowMs()), ("$at", UnixTime.ToMs(feedback.At)),
                    ("$outcomeRecipient", DeliveryKey.OutcomeRecipient)]);
            var changed = connection.Execute(
                $"""
                UPDATE delivery_ledger SET outcome = $outcome, outcome_rank = $rank, outcome_detail = $detail, outcome_at = $at, undelivered = $undelivered
                WHERE {RecordMatch} AND state = 'Sent' AND (outcome_rank IS NULL OR outcome_rank < $rank)
                """,
                transaction, [.. KeyParameters(key), ("$messageId", messageId), ("$outcome", feedback.Outcome.ToString()),
                    ("$rank", RecipientOutcomes.Rank(feedback.Outcome)), ("$detail", feedback.Detail), ("$at", UnixTime.ToMs(feedback.At)),
                    ("$undelivered", RecipientOutcomes.IsUndelivered(feedback.Outcome) ? 1 : null)]) == 1;
            if (changed) return FeedbackApplied.Changed;
            var recorded = connection.Scalar($"SELECT 1 FROM delivery_ledger WHERE {RecordMatch} AND state = 'Sent'", transaction, [.. KeyParameters(key), ("$messageId", messageId)]);
            return recorded is null ? FeedbackApplied.NotRecorded : FeedbackApplied.Unchanged;
        }, ct);

    public Task<OutcomeWindows> CountAsync(string customerCode, DateTimeOffset since, int lastSends, CancellationToken ct)
    {
        using var connection = database.OpenConnection();
        var window = Count(connection, customerCode, UnixTime.ToMs(since), limit: -1);
        var recent = lastSends <= 0 ? OutcomeCounts.None : Count(connection, customerCode, since: 0, lastSends);
        return Task.FromResult(new OutcomeWindows(window, recent));
    }

    public Task<IReadOnlyList<string>> ListUndeliveredChangesAsync(string? customerCode, CancellationToken ct)
    {
        using var connection = database.OpenConnection();
        using var command = connection.Command(
            "SELECT DISTINCT change_id FROM delivery_ledger WHERE undelivered = 1 AND ($customer IS NULL OR customer_code = $customer) ORDER BY change_id",
            null, ("$customer", customerCode));
        using var reader = command.ExecuteReader();
        var ids = new List<string>();
        while (reader.Read())
            ids.Add(reader.GetString(0));
        return Task.FromResult<IReadOnlyList<string>>(ids);
    }

    /// <summary>
    /// The customer's newest sends back to <paramref name="since"/>, at most <paramref name="limit"/> (-1: no limit) of them, in one
    /// pass down the delivery_ledger_sent index. A LIMIT, not a time bound: sends in the same millisecond are still that many.
    /// </summary>
    private static OutcomeCounts Count(SqliteConnection connection, string customerCode, long since, int limit)
    {
        using var command = connection.Command(
            """
            SELECT COUNT(*),
                   COALESCE(SUM(outcome = 'Delivered'), 0), COALESCE(SUM(outcome = 'BouncedPermanent'), 0), COALESCE(SUM(outcome = 'BouncedTransient'), 0),
                   COALESCE(SUM(outcome = 'Complained'), 0), COALESCE(SUM(outcome = 'Rejected'), 0), COALESCE(SUM(outcome = 'Delayed'), 0)
            FROM (SELECT outcome FROM delivery_ledger WHERE customer_code = $customer AND sent_at IS NOT NULL AND sent_at >= $since
                  ORDER BY sent_at DESC LIMIT $limit)
            """, null, ("$customer", customerCode), ("$since", since), ("$limit", limit));
        using var reader = command.ExecuteReader();
        reader.Read();
        return new(reader.GetInt32(0), reader.GetInt32(1), reader.GetInt32(2), reader.GetInt32(3), reader.GetInt32(4), reader.GetInt32(5), reader.GetInt32(6));
    }
}
