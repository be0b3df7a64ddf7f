using Microsoft.Data.Sqlite;

namespace ChangeMgmt.Local;

/// <summary>
/// The one SQLite file behind local mode (WAL, pooled connections). The schema is created when
/// the database is opened; every adapter opens a short-lived connection per call.
/// </summary>
public sealed class LocalDatabase : IDisposable
{
    private const int BusyTimeoutMilliseconds = 15_000;
    private readonly string _connectionString;

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
        using var connection = OpenConnection();
        LocalSchema.Create(connection);
    }

    public string Path { get; }

    /// <summary>Opens a pooled connection with the per-connection settings applied; dispose it after use.</summary>
    public SqliteConnection OpenConnection()
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            connection.Open();
            connection.Execute($"PRAGMA busy_timeout = {BusyTimeoutMilliseconds}; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;");
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Returns pooled connections to the operating system (so the file can be deleted or moved).</summary>
    public void Dispose()
    {
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
    }
}
