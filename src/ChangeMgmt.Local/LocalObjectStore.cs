using System.Security.Cryptography;
using ChangeMgmt.Core.Changes;
using ChangeMgmt.Core.Errors;
using ChangeMgmt.Core.Ports;
using Microsoft.Data.Sqlite;

namespace ChangeMgmt.Local;

/// <summary>
/// The change bucket in the local database. Like the real bucket, a Put of
/// <c>customers/{code}/….json</c> notifies that customer's queue with an S3 event; here the
/// message is enqueued in the same transaction as the write.
/// </summary>
public sealed class LocalObjectStore : IObjectStore
{
    public const int PageSize = 1000;

    private readonly LocalDatabase _database;
    private readonly LocalChangeQueue _queue;
    private readonly TimeProvider _time;
    private readonly string _region;
    private long _lastSequence;

    public LocalObjectStore(LocalDatabase database, string bucketName, LocalChangeQueue queue, string region = "us-east-1", TimeProvider? time = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(bucketName);
        _database = database;
        BucketName = bucketName;
        _queue = queue;
        _region = region;
        _time = time ?? TimeProvider.System;
    }

    public string BucketName { get; }

    public Task<StoredObject?> GetAsync(string key, CancellationToken ct)
    {
        using var connection = _database.OpenConnection();
        using var command = connection.Command(
            "SELECT content, etag, last_modified FROM objects WHERE key = $key", null, ("$key", key));
        using var reader = command.ExecuteReader();
        StoredObject? found = reader.Read()
            ? new StoredObject(key, (byte[])reader.GetValue(0), reader.GetString(1), UnixTime.FromMs(reader.GetInt64(2)))
            : null;
        return Task.FromResult(found);
    }

    public async Task<string> PutAsync(string key, byte[] content, WriteCondition condition, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        var etag = ETagOf(content);
        var now = _time.GetUtcNow();
        var customer = TriggerCustomer(key);
        var notification = customer is null ? null : Notification(key, content.LongLength, etag, now, customer);
        await _database.WriteAsync((connection, transaction) =>
        {
            CheckCondition(connection, transaction, key, condition);
            connection.Execute(
                """
                INSERT INTO objects (key, content, etag, last_modified) VALUES ($key, $content, $etag, $now)
                ON CONFLICT (key) DO UPDATE SET content = excluded.content, etag = excluded.etag, last_modified = excluded.last_modified
                """,
                transaction, ("$key", key), ("$content", content), ("$etag", etag), ("$now", UnixTime.ToMs(now)));
            if (customer is not null)
                _queue.Enqueue(connection, transaction, customer, notification!);
        }, ct).ConfigureAwait(false);
        if (customer is not null)
            _queue.Notify(customer);
        return etag;
    }

    public Task DeleteAsync(string key, CancellationToken ct) =>
        _database.WriteAsync((connection, transaction) =>
            connection.Execute("DELETE FROM objects WHERE key = $key", transaction, ("$key", key)), ct);

    /// <summary>Keys under a prefix in binary (UTF-8) order, 1000 a page; the token is the last key returned.</summary>
    public Task<Page<string>> ListKeysAsync(string prefix, string? continuationToken, CancellationToken ct)
    {
        using var connection = _database.OpenConnection();
        using var command = connection.Command(
            """
            SELECT key FROM objects
            WHERE key >= $prefix AND key < $upper AND key > $after AND substr(key, 1, $length) = $prefix
            ORDER BY key LIMIT $limit
            """,
            null, ("$prefix", prefix), ("$upper", UpperBound(prefix)), ("$length", prefix.Length),
            ("$after", continuationToken ?? ""), ("$limit", PageSize + 1));
        using var reader = command.ExecuteReader();
        var keys = new List<string>();
        while (reader.Read())
            keys.Add(reader.GetString(0));
        if (keys.Count <= PageSize)
            return Task.FromResult(new Page<string>(keys, null));
        keys.RemoveAt(PageSize);
        return Task.FromResult(new Page<string>(keys, keys[^1]));
    }

    /// <summary>The customer whose queue a Put of this key notifies (prefix <c>customers/{code}/</c>, suffix <c>.json</c>), or null.</summary>
    public static string? TriggerCustomer(string key)
    {
        if (!key.StartsWith(StorageLayout.CustomersPrefix, StringComparison.Ordinal) || !key.EndsWith(".json", StringComparison.Ordinal))
            return null;
        var rest = key[StorageLayout.CustomersPrefix.Length..];
        var slash = rest.IndexOf('/');
        return slash > 0 ? rest[..slash] : null;
    }

    /// <summary>The S3 ETag of a single-part upload: the quoted hex MD5 of the content.</summary>
    public static string ETagOf(byte[] content) => $"\"{Convert.ToHexStringLower(MD5.HashData(content))}\"";

    /// <summary>A string above every key that starts with the prefix (lets SQLite seek a range of the index).</summary>
    private static string UpperBound(string prefix)
    {
        const string Highest = "\U0010FFFF";
        if (prefix.Length == 0 || prefix[^1] >= '\uD7FF')
            return prefix + Highest;
        return string.Concat(prefix.AsSpan(0, prefix.Length - 1), ((char)(prefix[^1] + 1)).ToString());
    }

    private static void CheckCondition(SqliteConnection connection, SqliteTransaction transaction, string key, WriteCondition condition)
    {
        if (condition is WriteCondition.Unconditional)
            return;
        var current = connection.Scalar("SELECT etag FROM objects WHERE key = $key", transaction, ("$key", key)) as string;
        switch (condition)
        {
            case WriteCondition.IfNoneMatch when current is not null:
                throw new ConcurrencyConflictException($"Object '{key}' already exists (If-None-Match failed).");
            case WriteCondition.IfMatch ifMatch when current is null:
                throw new ConcurrencyConflictException($"Object '{key}' does not exist (If-Match {ifMatch.ETag} failed).");
            case WriteCondition.IfMatch ifMatch when current.Trim('"') != ifMatch.ETag.Trim('"'):
                throw new ConcurrencyConflictException($"Object '{key}' has ETag {current}, not {ifMatch.ETag} (If-Match failed).");
        }
    }

    private string Notification(string key, long size, string etag, DateTimeOffset now, string customer) =>
        S3EventNotification.ObjectCreatedPut(new S3ObjectCreated(
            BucketName, key, size, etag, NextSequencer(now), now, $"changemgmt-{customer}", _region));

    /// <summary>Sequencers only grow, as S3's do for one key: microseconds since the epoch, bumped on ties.</summary>
    private string NextSequencer(DateTimeOffset now)
    {
        var candidate = (now.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;
        long previous, next;
        do
        {
            previous = Interlocked.Read(ref _lastSequence);
            next = Math.Max(previous + 1, candidate);
        }
        while (Interlocked.CompareExchange(ref _lastSequence, next, previous) != previous);
        return next.ToString("X18");
    }
}
