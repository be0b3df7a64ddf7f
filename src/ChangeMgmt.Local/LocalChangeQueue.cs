using ChangeMgmt.Core.Delivery;
using ChangeMgmt.Core.Ports;
using Microsoft.Data.Sqlite;

namespace ChangeMgmt.Local;

/// <summary>
/// Per-customer standard queues in the local database, with SQS semantics: visibility timeout,
/// receive count, a new receipt handle per receive, and dead-lettering after
/// <c>maxReceiveCount</c> receives.
/// </summary>
public sealed class LocalChangeQueue : IChangeQueue
{
    /// <summary>How often a long poll looks again for messages whose visibility timeout ran out.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    private readonly LocalDatabase _database;
    private readonly TimeProvider _time;
    private readonly TimeSpan? _releaseDelay;
    private readonly QueueSignals _signals = new();

    public LocalChangeQueue(LocalDatabase database, int maxReceiveCount = 5, TimeSpan? releaseDelay = null, TimeProvider? time = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxReceiveCount, 1);
        _database = database;
        MaxReceiveCount = maxReceiveCount;
        _releaseDelay = releaseDelay;
        _time = time ?? TimeProvider.System;
    }

    public int MaxReceiveCount { get; }

    /// <summary>Sends a message body to a customer's queue (SQS SendMessage); returns the message id.</summary>
    public async Task<string> SendAsync(string customerCode, string body, CancellationToken ct)
    {
        var id = await _database.WriteAsync((connection, transaction) => Enqueue(connection, transaction, customerCode, body), ct).ConfigureAwait(false);
        _signals.Notify(customerCode);
        return id;
    }

    public async Task<IReadOnlyList<QueuedMessage>> ReceiveAsync(string customerCode, int maxMessages, TimeSpan visibilityTimeout, TimeSpan wait, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxMessages, 1);
        var deadline = _time.GetUtcNow() + wait;
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            var signal = _signals.Next(customerCode);
            var messages = await TakeAsync(customerCode, maxMessages, visibilityTimeout, ct).ConfigureAwait(false);
            var remaining = deadline - _time.GetUtcNow();
            if (messages.Count > 0 || remaining <= TimeSpan.Zero)
                return messages;
            await WaitForSignalAsync(signal, remaining < PollInterval ? remaining : PollInterval, ct).ConfigureAwait(false);
        }
    }

    /// <summary>Reads the visible messages as they are: no receive is counted, nothing is hidden, no receipt is issued.</summary>
    public Task<IReadOnlyList<QueuedMessage>> PeekAsync(string customerCode, int maxMessages, CancellationToken ct)
    {
        using var connection = _database.OpenConnection();
        using var transaction = connection.BeginTransaction();
        IReadOnlyList<QueuedMessage> visible = [.. SelectVisible(connection, transaction, customerCode, maxMessages, _time.NowMs()).Select(v => v.Message)];
        return Task.FromResult(visible);
    }

    /// <summary>As in SQS, a stale receipt handle deletes nothing and is not an error.</summary>
    public Task DeleteAsync(QueuedMessage message, CancellationToken ct) =>
        _database.WriteAsync((connection, transaction) => connection.Execute(
            "DELETE FROM queue_messages WHERE message_id = $id AND receipt_handle = $handle",
            transaction, ("$id", message.MessageId), ("$handle", message.ReceiptHandle)), ct);

    /// <summary>
    /// Offers the message again after a pause that doubles with each receive (1 s, 2 s, 4 s, … up to
    /// 5 minutes), as a worker would with ChangeMessageVisibility, so that a failure lasting a little
    /// while does not use up the receives before the dead letters.
    /// </summary>
    public async Task ReleaseAsync(QueuedMessage message, string reason, CancellationToken ct)
    {
        var delay = _releaseDelay ?? RedeliveryDelay.After(message.ReceiveCount);
        if (await SetVisibilityAsync(message, _time.GetUtcNow() + delay, reason, ct).ConfigureAwait(false) && delay <= TimeSpan.Zero)
            _signals.Notify(message.CustomerCode);
    }

    public Task ExtendVisibilityAsync(QueuedMessage message, TimeSpan visibilityTimeout, CancellationToken ct) =>
        SetVisibilityAsync(message, _time.GetUtcNow() + visibilityTimeout, reason: null, ct);

    /// <summary>
    /// Hidden for <paramref name="delay"/>, and this receive no longer counts towards <see cref="MaxReceiveCount"/>.
    /// A message not held under this receipt (received again since, or not from this queue: a POST /events record)
    /// is added again as a new one, hidden as long, as the SQS queue does.
    /// </summary>
    public async Task DeferAsync(QueuedMessage message, TimeSpan delay, CancellationToken ct)
    {
        var visibleAt = UnixTime.ToMs(_time.GetUtcNow() + delay);
        await _database.WriteAsync((connection, transaction) =>
        {
            var deferred = connection.Execute(
                """
                UPDATE queue_messages SET visible_at = $visibleAt, receive_count = MAX(receive_count - 1, 0)
                WHERE message_id = $id AND receipt_handle = $handle
                """,
                transaction, ("$visibleAt", visibleAt), ("$id", message.MessageId), ("$handle", message.ReceiptHandle));
            if (deferred == 0)
            {
                var copy = Enqueue(connection, transaction, message.CustomerCode, message.Body);
                connection.Execute("UPDATE queue_messages SET visible_at = $visibleAt WHERE message_id = $id", transaction, ("$visibleAt", visibleAt), ("$id", copy));
            }
            return deferred;
        }, ct).ConfigureAwait(false);
    }

    public Task<int?> MaxReceivesAsync(string customerCode, CancellationToken ct) => Task.FromResult<int?>(MaxReceiveCount);

    /// <summary>None: this queue moves what it dead-letters into the dead-letter store (<see cref="LocalDeadLetterStore"/>).</summary>
    public Task<IReadOnlyList<DeadLetter>> ListDeadLetteredAsync(string customerCode, CancellationToken ct) => Task.FromResult<IReadOnlyList<DeadLetter>>([]);

    public Task<IReadOnlyList<DeadLetter>> RedriveAsync(string customerCode, CancellationToken ct) => Task.FromResult<IReadOnlyList<DeadLetter>>([]);

    /// <summary>Messages visible now and taken but not deleted, for one customer.</summary>
    public Task<QueueCounts> CountAsync(string customerCode, CancellationToken ct)
    {
        using var connection = _database.OpenConnection();
        using var command = connection.Command(
            """
            SELECT COALESCE(SUM(visible_at <= $now), 0), COALESCE(SUM(visible_at > $now), 0)
            FROM queue_messages WHERE customer_code = $customer
            """,
            null, ("$now", _time.NowMs()), ("$customer", customerCode));
        using var reader = command.ExecuteReader();
        reader.Read();
        return Task.FromResult(new QueueCounts(customerCode, reader.GetInt32(0), reader.GetInt32(1)));
    }

    /// <summary>Counts for every customer that has messages.</summary>
    public Task<IReadOnlyList<QueueCounts>> CountAllAsync(CancellationToken ct)
    {
        using var connection = _database.OpenConnection();
        using var command = connection.Command(
            """
            SELECT customer_code, SUM(visible_at <= $now), SUM(visible_at > $now)
            FROM queue_messages GROUP BY customer_code ORDER BY customer_code
            """,
            null, ("$now", _time.NowMs()));
        using var reader = command.ExecuteReader();
        var counts = new List<QueueCounts>();
        while (reader.Read())
            counts.Add(new QueueCounts(reader.GetString(0), reader.GetInt32(1), reader.GetInt32(2)));
        return Task.FromResult<IReadOnlyList<QueueCounts>>(counts);
    }

    /// <summary>Adds a message inside the caller's transaction; call <see cref="Notify"/> after commit.</summary>
    internal string Enqueue(SqliteConnection connection, SqliteTransaction transaction, string customerCode, string body)
    {
        var now = _time.NowMs();
        var id = Guid.CreateVersion7(UnixTime.FromMs(now)).ToString();
        connection.Execute(
            """
            INSERT INTO queue_messages (message_id, customer_code, body, sent_at, receive_count, visible_at)
            VALUES ($id, $customer, $body, $now, 0, $now)
            """,
            transaction, ("$id", id), ("$customer", customerCode), ("$body", body), ("$now", now));
        return id;
    }

    internal void Notify(string customerCode) => _signals.Notify(customerCode);

    private async Task<List<QueuedMessage>> TakeAsync(string customerCode, int maxMessages, TimeSpan visibilityTimeout, CancellationToken ct)
    {
        var now = _time.NowMs();
        // An idle poll only reads; the write lock is taken when there is something to take.
        using (var connection = _database.OpenConnection())
            if (!AnyVisible(connection, customerCode, now))
                return [];
        return await _database.WriteAsync((connection, transaction) =>
        {
            DeadLetterExhausted(connection, transaction, customerCode, now);
            return MarkReceived(connection, transaction, customerCode, maxMessages, now, now + (long)visibilityTimeout.TotalMilliseconds);
        }, ct).ConfigureAwait(false);
    }

    private static bool AnyVisible(SqliteConnection connection, string customerCode, long now) =>
        connection.Scalar(
            "SELECT EXISTS (SELECT 1 FROM queue_messages WHERE customer_code = $customer AND visible_at <= $now)",
            null, ("$customer", customerCode), ("$now", now)) is 1L;

    private void DeadLetterExhausted(SqliteConnection connection, SqliteTransaction transaction, string customerCode, long now)
    {
        var parameters = new (string, object?)[] { ("$customer", customerCode), ("$now", now), ("$max", MaxReceiveCount) };
        const string Exhausted = "customer_code = $customer AND visible_at <= $now AND receive_count >= $max";
        connection.Execute(
            $"""
            INSERT INTO dead_letters (customer_code, message_id, body, reason, at)
            SELECT customer_code, message_id, body,
                   COALESCE(last_error, 'exceeded maxReceiveCount ' || $max), $now
            FROM queue_messages WHERE {Exhausted} ORDER BY seq
            """,
            transaction, parameters);
        connection.Execute($"DELETE FROM queue_messages WHERE {Exhausted}", transaction, parameters);
    }

    private static List<QueuedMessage> MarkReceived(SqliteConnection connection, SqliteTransaction transaction, string customerCode, int maxMessages, long now, long visibleAt)
    {
        var visible = SelectVisible(connection, transaction, customerCode, maxMessages, now);
        using var update = connection.Command(
            """
            UPDATE queue_messages SET receive_count = receive_count + 1, visible_at = $visibleAt, receipt_handle = $handle
            WHERE seq = $seq
            """,
            transaction, ("$visibleAt", visibleAt), ("$handle", ""), ("$seq", 0L));
        var messages = new List<QueuedMessage>(visible.Count);
        foreach (var (seq, message) in visible)
        {
            var received = message with { ReceiptHandle = Guid.NewGuid().ToString(), ReceiveCount = message.ReceiveCount + 1 };
            update.Parameters["$handle"].Value = received.ReceiptHandle;
            update.Parameters["$seq"].Value = seq;
            update.ExecuteNonQuery();
            messages.Add(received);
        }
        return messages;
    }

    private static List<(long Seq, QueuedMessage Message)> SelectVisible(SqliteConnection connection, SqliteTransaction transaction, string customerCode, int maxMessages, long now)
    {
        using var command = connection.Command(
            """
            SELECT seq, message_id, body, receive_count FROM queue_messages
            WHERE customer_code = $customer AND visible_at <= $now
            ORDER BY visible_at, seq LIMIT $limit
            """,
            transaction, ("$customer", customerCode), ("$now", now), ("$limit", maxMessages));
        using var reader = command.ExecuteReader();
        var visible = new List<(long, QueuedMessage)>();
        while (reader.Read())
            visible.Add((reader.GetInt64(0), new QueuedMessage(customerCode, reader.GetString(1), "", reader.GetString(2), reader.GetInt32(3))));
        return visible;
    }

    private Task<bool> SetVisibilityAsync(QueuedMessage message, DateTimeOffset visibleAt, string? reason, CancellationToken ct) =>
        _database.WriteAsync((connection, transaction) => connection.Execute(
            """
            UPDATE queue_messages SET visible_at = $visibleAt, last_error = COALESCE($reason, last_error)
            WHERE message_id = $id AND receipt_handle = $handle
            """,
            transaction, ("$visibleAt", UnixTime.ToMs(visibleAt)), ("$reason", reason),
            ("$id", message.MessageId), ("$handle", message.ReceiptHandle)) == 1, ct);

    private async Task WaitForSignalAsync(Task signal, TimeSpan timeout, CancellationToken ct)
    {
        using var stopDelay = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var delay = Task.Delay(timeout, _time, stopDelay.Token);
        await Task.WhenAny(signal, delay).ConfigureAwait(false);
        stopDelay.Cancel();
        ct.ThrowIfCancellationRequested();
    }
}
