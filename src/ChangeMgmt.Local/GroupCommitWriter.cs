using System.Threading.Channels;
using Microsoft.Data.Sqlite;

namespace ChangeMgmt.Local;

/// <summary>
/// One writer at a time for the process. When nothing is being written, a write runs at once on
/// the caller's thread in its own transaction (so it completes synchronously). Otherwise it joins
/// the queue of a writer thread: every write waiting when it wakes runs in one transaction, each
/// inside its own savepoint, then one commit completes them all: a commit per batch instead of
/// per write, and no writer of this process ever sleeps in SQLite's busy handler. Other processes
/// on the same file still meet the busy timeout.
/// </summary>
internal sealed class GroupCommitWriter : IDisposable
{
    private const int MaxBatch = 512;
    private readonly Channel<IPendingWrite> _pending = Channel.CreateUnbounded<IPendingWrite>(new() { SingleReader = true });
    private readonly Func<SqliteConnection> _open;
    private readonly Thread _thread;

    // Held by whoever is writing: an idle-time caller, or the writer thread for a batch.
    private readonly SemaphoreSlim _writing = new(1, 1);
    private int _queued;

    public GroupCommitWriter(Func<SqliteConnection> open)
    {
        _open = open;
        _thread = new Thread(Run) { IsBackground = true, Name = "changemgmt-sqlite-writer" };
        _thread.Start();
    }

    public Task<T> WriteAsync<T>(Func<SqliteConnection, SqliteTransaction, T> work, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        ObjectDisposedException.ThrowIf(_pending.Reader.Completion.IsCompleted, typeof(LocalDatabase));
        if (Volatile.Read(ref _queued) == 0 && _writing.Wait(0))
            return WriteNow(work);
        var write = new PendingWrite<T>(work);
        Interlocked.Increment(ref _queued);
        if (!_pending.Writer.TryWrite(write))
        {
            Interlocked.Decrement(ref _queued);
            throw new ObjectDisposedException(nameof(LocalDatabase));
        }
        return write.Task;
    }

    public void Dispose()
    {
        _pending.Writer.TryComplete();
        if (Thread.CurrentThread != _thread) _thread.Join();
    }

    private Task<T> WriteNow<T>(Func<SqliteConnection, SqliteTransaction, T> work)
    {
        try
        {
            using var connection = _open();
            using var transaction = connection.BeginTransaction(deferred: false);
            var result = work(connection, transaction);
            transaction.Commit();
            return Task.FromResult(result);
        }
        catch (Exception ex)
        {
            return Task.FromException<T>(ex);
        }
        finally
        {
            _writing.Release();
        }
    }

    private void Run()
    {
        using var connection = _open();
        PreparedStatements.KeepFor(connection);
        try { RunBatches(connection); }
        finally { PreparedStatements.Forget(connection); }
    }

    private void RunBatches(SqliteConnection connection)
    {
        var batch = new List<IPendingWrite>(MaxBatch);
        while (_pending.Reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
        {
            _writing.Wait();
            try
            {
                while (batch.Count < MaxBatch && _pending.Reader.TryRead(out var write))
                {
                    Interlocked.Decrement(ref _queued);
                    batch.Add(write);
                }
                Commit(connection, batch);
                batch.Clear();
            }
            finally
            {
                _writing.Release();
            }
        }
    }

    private static void Commit(SqliteConnection connection, List<IPendingWrite> batch)
    {
        try
        {
            using var transaction = connection.BeginTransaction(deferred: false);
            foreach (var write in batch) write.Run(connection, transaction);
            transaction.Commit();
        }
        catch (Exception ex)
        {
            foreach (var write in batch) write.Fail(ex);
            return;
        }
        foreach (var write in batch) write.Complete();
    }

    private interface IPendingWrite
    {
        void Run(SqliteConnection connection, SqliteTransaction transaction);
        void Complete();
        void Fail(Exception ex);
    }

    private sealed class PendingWrite<T>(Func<SqliteConnection, SqliteTransaction, T> work) : IPendingWrite
    {
        private readonly TaskCompletionSource<T> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private T _result = default!;
        private Exception? _error;

        public Task<T> Task => _done.Task;

        public void Run(SqliteConnection connection, SqliteTransaction transaction)
        {
            transaction.Save("w");
            try
            {
                _result = work(connection, transaction);
                transaction.Release("w");
            }
            catch (Exception ex) when (ex is not SqliteException { SqliteErrorCode: 10 or 13 })
            {
                // The write's own failure (a conflict, a bad argument): undo it alone, keep the batch.
                transaction.Rollback("w");
                transaction.Release("w");
                _error = ex;
            }
        }

        public void Complete()
        {
            if (_error is null) _done.TrySetResult(_result);
            else _done.TrySetException(_error);
        }

        public void Fail(Exception ex) => _done.TrySetException(_error ?? ex);
    }
}
