using ChangeMgmt.Core.Feedback;
using ChangeMgmt.Core.Ports;
using Microsoft.Data.Sqlite;

namespace ChangeMgmt.Local;

/// <summary>
/// The delivery ledger in the local database. A claim is one atomic upsert: it inserts a new
/// key, or takes over a Failed one or a Sending one whose lease ran out; Sent is final.
/// </summary>
public sealed partial class LocalDeliveryLedger(LocalDatabase database, TimeProvider? time = null) : IDeliveryLedger, IDeliveryOutcomes
{
    private const string KeyColumns = "customer_code, change_id, kind, version, recipient";
    private const string KeyMatch = "customer_code = $customer AND change_id = $change AND kind = $kind AND version = $version AND recipient = $recipient";

    private readonly TimeProvider _time = time ?? TimeProvider.System;

    public Task<ClaimResult> TryClaimAsync(DeliveryKey key, string topic, TimeSpan lease, CancellationToken ct)
    {
        var now = _time.GetUtcNow();
        return database.WriteAsync((connection, transaction) => Claim(connection, transaction, key, topic, now, now + lease), ct);
    }

    public Task MarkSentAsync(DeliveryKey key, string messageId, CancellationToken ct)
    {
        var now = _time.NowMs();
        return database.WriteAsync((connection, transaction) => connection.Execute(
            $"""
            INSERT INTO delivery_ledger ({KeyColumns}, topic, state, message_id, attempts, updated_at, sent_at, undelivered)
            VALUES ($customer, $change, $kind, $version, $recipient, '', 'Sent', $messageId, 1, $now, $sentAt, NULL)
            ON CONFLICT ({KeyColumns}) DO UPDATE SET
                state = 'Sent', message_id = excluded.message_id, error = NULL, claimed_until = NULL, updated_at = excluded.updated_at,
                sent_at = excluded.sent_at, undelivered = NULL
            """,
            transaction, [.. KeyParameters(key), ("$messageId", messageId), ("$now", now), ("$sentAt", key.IsOutcome ? null : now)]), ct);
    }

    public Task MarkFailedAsync(DeliveryKey key, string error, CancellationToken ct)
    {
        var now = _time.NowMs();
        return database.WriteAsync((connection, transaction) => connection.Execute(
            $"""
            INSERT INTO delivery_ledger ({KeyColumns}, topic, state, error, attempts, updated_at, undelivered)
            VALUES ($customer, $change, $kind, $version, $recipient, '', 'Failed', $error, 1, $now, $undelivered)
            ON CONFLICT ({KeyColumns}) DO UPDATE SET
                state = 'Failed', error = excluded.error, claimed_until = NULL, updated_at = excluded.updated_at, undelivered = excluded.undelivered
            WHERE state <> 'Sent'
            """,
            transaction, [.. KeyParameters(key), ("$error", error), ("$now", now), ("$undelivered", key.IsOutcome ? null : 1)]), ct);
    }

    public Task ReleaseAsync(DeliveryKey key, CancellationToken ct) =>
        database.WriteAsync((connection, transaction) => connection.Execute(
            $"DELETE FROM delivery_ledger WHERE {KeyMatch} AND state = 'Sending'", transaction, KeyParameters(key)), ct);

    /// <summary>claimed_until 0: a lease that ran out long ago, so the continuation that finishes the notification can claim it.</summary>
    public Task MarkContinuingAsync(DeliveryKey outcomeKey, string topic, int recipients, CancellationToken ct)
    {
        var now = _time.NowMs();
        return database.WriteAsync((connection, transaction) => connection.Execute(
            $"""
            INSERT INTO delivery_ledger ({KeyColumns}, topic, state, attempts, claimed_until, updated_at, recipients)
            VALUES ($customer, $change, $kind, $version, $recipient, $topic, 'Sending', 0, 0, $now, $recipients)
            ON CONFLICT ({KeyColumns}) DO UPDATE SET
                topic = excluded.topic, state = 'Sending', error = NULL, claimed_until = 0, updated_at = excluded.updated_at, recipients = excluded.recipients
            WHERE state <> 'Sent'
            """,
            transaction, [.. KeyParameters(outcomeKey), ("$topic", topic), ("$now", now), ("$recipients", recipients)]), ct);
    }

    /// <summary>One statement in a write transaction (BEGIN IMMEDIATE), which serialises bookings across processes.</summary>
    public async Task<DateTimeOffset> BookSendTimeAsync(string customerCode, DateTimeOffset earliest, TimeSpan length, CancellationToken ct)
    {
        var start = await database.WriteAsync((connection, transaction) => Convert.ToInt64(connection.Scalar(
            """
            INSERT INTO send_time (customer_code, booked_until) VALUES ($customer, $earliest + $length)
            ON CONFLICT (customer_code) DO UPDATE SET booked_until = MAX(booked_until, $earliest) + $length
            RETURNING booked_until - $length
            """,
            transaction, ("$customer", customerCode), ("$earliest", UnixTime.ToMs(earliest)), ("$length", (long)length.TotalMilliseconds))), ct);
        return UnixTime.FromMs(start);
    }

    /// <summary>The records of one change, for one customer or all of them.</summary>
    public Task<IReadOnlyList<DeliveryRecord>> ListAsync(string changeId, string? customerCode, CancellationToken ct) =>
        ListAsync(changeId, customerCode, withOutcomes: false);

    public Task<IReadOnlyList<DeliveryRecord>> ListWithOutcomesAsync(string changeId, string? customerCode, CancellationToken ct) =>
        ListAsync(changeId, customerCode, withOutcomes: true);

    private Task<IReadOnlyList<DeliveryRecord>> ListAsync(string changeId, string? customerCode, bool withOutcomes)
    {
        using var connection = database.OpenConnection();
        using var command = connection.Command(
            $"""
            SELECT {KeyColumns}, topic, state, message_id, error, attempts, updated_at, recipients, sent_at, outcome, outcome_detail, outcome_at FROM delivery_ledger
            WHERE change_id = $change AND ($customer IS NULL OR customer_code = $customer) AND ($withOutcomes OR recipient <> $outcome)
            ORDER BY customer_code, version, kind, recipient
            """,
            null, ("$change", changeId), ("$customer", customerCode), ("$outcome", DeliveryKey.OutcomeRecipient), ("$withOutcomes", withOutcomes));
        using var reader = command.ExecuteReader();
        var records = new List<DeliveryRecord>();
        while (reader.Read())
            records.Add(Read(reader));
        return Task.FromResult<IReadOnlyList<DeliveryRecord>>(records);
    }

    private static ClaimResult Claim(SqliteConnection connection, SqliteTransaction transaction, DeliveryKey key, string topic, DateTimeOffset now, DateTimeOffset until)
    {
        var claimed = connection.Execute(
            $"""
            INSERT INTO delivery_ledger ({KeyColumns}, topic, state, attempts, claimed_until, updated_at)
            VALUES ($customer, $change, $kind, $version, $recipient, $topic, 'Sending', 1, $until, $now)
            ON CONFLICT ({KeyColumns}) DO UPDATE SET
                topic = excluded.topic, state = 'Sending', attempts = attempts + 1,
                claimed_until = excluded.claimed_until, updated_at = excluded.updated_at
            WHERE state = 'Failed' OR (state = 'Sending' AND claimed_until < excluded.updated_at)
            """,
            transaction, [.. KeyParameters(key), ("$topic", topic), ("$until", UnixTime.ToMs(until)), ("$now", UnixTime.ToMs(now))]) == 1;
        if (claimed)
            return ClaimResult.Claimed;
        var state = connection.Scalar($"SELECT state FROM delivery_ledger WHERE {KeyMatch}", transaction, KeyParameters(key)) as string;
        return state == nameof(DeliveryState.Sent) ? ClaimResult.AlreadySent : ClaimResult.InProgress;
    }

    internal static (string, object?)[] KeyParameters(DeliveryKey key) =>
    [
        ("$customer", key.CustomerCode), ("$change", key.ChangeId), ("$kind", key.Kind.ToString()),
        ("$version", key.Version), ("$recipient", key.Recipient.Trim().ToLowerInvariant()),
    ];

    private static DeliveryRecord Read(SqliteDataReader reader) => new(
        new DeliveryKey(reader.GetString(0), reader.GetString(1), Enum.Parse<NotificationKind>(reader.GetString(2)), reader.GetInt32(3), reader.GetString(4)),
        reader.GetString(5),
        Enum.Parse<DeliveryState>(reader.GetString(6)),
        reader.NullableString(7),
        reader.NullableString(8),
        reader.GetInt32(9),
        UnixTime.FromMs(reader.GetInt64(10)),
        reader.NullableInt64(11) is { } recipients ? (int)recipients : null)
    {
        SentAt = reader.NullableInt64(12) is { } sentAt ? UnixTime.FromMs(sentAt) : null,
        Outcome = reader.NullableString(13) is { } outcome ? Enum.Parse<RecipientOutcome>(outcome) : null,
        OutcomeDetail = reader.NullableString(14),
        OutcomeAt = reader.NullableInt64(15) is { } outcomeAt ? UnixTime.FromMs(outcomeAt) : null,
    };
}
