using Microsoft.Data.Sqlite;

namespace ChangeMgmt.Local;

/// <summary>
/// The one SQLite file behind local mode (WAL, pooled connections). The schema is created when
/// the database is opened; adapters read on short-lived connections and write through
/// <see cref="WriteAsync{T}"/>, which group-commits: see <see cref="GroupCommitWriter"/>.
/// </summary>
public sealed class LocalDatabase : IDisposable
{
    private const int BusyTimeoutMilliseconds = 15_000;
    private readonly string _connectionString;
    private readonly GroupCommitWriter _writer;
    private readonly WalCheckpointer _checkpointer;

    public LocalDatabase(string path)
    {
        Path = System.IO.Path.GetFullPath(path);
        var directory = System.IO.Path.GetDirectoryName(Path);
        if (!string.IsNullOrEmpty(directory))
            Directory.CreateDirectory(directory);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = 60,
        }.ToString();
        using (var connection = OpenConnection())
            LocalSchema.Create(connection);
        _writer = new GroupCommitWriter(OpenConnection);
        _checkpointer = new WalCheckpointer(OpenConnection);
    }

    public string Path { get; }

    /// <summary>Opens a pooled connection with the per-connection settings applied; dispose it after use.</summary>
    public SqliteConnection OpenConnection()
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            connection.Open();
            connection.Execute($"PRAGMA busy_timeout = {BusyTimeoutMilliseconds}; PRAGMA synchronous = NORMAL; PRAGMA wal_autocheckpoint = 0;");
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Runs <paramref name="work"/> atomically (its own savepoint inside a <c>BEGIN IMMEDIATE</c>
    /// transaction shared with the other writes pending at that moment); its result or exception is its own.
    /// </summary>
    public Task<T> WriteAsync<T>(Func<SqliteConnection, SqliteTransaction, T> work, CancellationToken ct) =>
        _writer.WriteAsync(work, ct);

    public Task WriteAsync(Action<SqliteConnection, SqliteTransaction> work, CancellationToken ct) =>
        WriteAsync((connection, transaction) =>
        {
            work(connection, transaction);
            return true;
        }, ct);

    /// <summary>Returns pooled connections to the operating system (so the file can be deleted or moved).</summary>
    public void Dispose()
    {
        _writer.Dispose();
        _checkpointer.Dispose();
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
    }
}
