using Microsoft.Data.Sqlite;

namespace ChangeMgmt.Local;

/// <summary>
/// Copies the write-ahead log into the database file in the background. Left to SQLite, the
/// checkpoint (and its fsync) runs inside whichever commit crosses the threshold, stalling the one
/// writer thread; a passive checkpoint here never blocks writers or readers.
/// </summary>
internal sealed class WalCheckpointer : IDisposable
{
    private static readonly TimeSpan Every = TimeSpan.FromSeconds(1);
    private readonly Func<SqliteConnection> _open;
    private readonly Timer _timer;
    private int _running;

    public WalCheckpointer(Func<SqliteConnection> open)
    {
        _open = open;
        _timer = new Timer(_ => Checkpoint(), null, Every, Every);
    }

    public void Dispose()
    {
        _timer.Dispose();
        Checkpoint();
    }

    private void Checkpoint()
    {
        if (Interlocked.Exchange(ref _running, 1) == 1) return;
        try
        {
            using var connection = _open();
            connection.Execute("PRAGMA wal_checkpoint(PASSIVE);");
        }
        catch (SqliteException)
        {
            // Busy or locked by another process: the next tick tries again.
        }
        finally
        {
            Volatile.Write(ref _running, 0);
        }
    }
}
