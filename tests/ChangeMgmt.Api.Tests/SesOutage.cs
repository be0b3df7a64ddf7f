using Microsoft.Data.Sqlite;

namespace ChangeMgmt.Api.Tests;

/// <summary>
/// An outage of the local SES while it lasts: its contacts table is renamed away, so every read of
/// contacts fails with a real SQLite error (a passing failure, retried), and renamed back on dispose.
/// </summary>
public sealed class SesOutage : IDisposable
{
    private readonly string connectionString;

    private SesOutage(string database)
    {
        connectionString = new SqliteConnectionStringBuilder { DataSource = database, Pooling = false }.ToString();
        Execute("ALTER TABLE ses_contacts RENAME TO ses_contacts_outage");
    }

    public static SesOutage Begin(ApiHost host) => new(Path.Combine(host.Root, "data", "changemgmt.db"));

    public void Dispose() => Execute("ALTER TABLE ses_contacts_outage RENAME TO ses_contacts");

    private void Execute(string sql)
    {
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
