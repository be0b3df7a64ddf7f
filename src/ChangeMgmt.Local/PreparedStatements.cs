using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;

namespace ChangeMgmt.Local;

/// <summary>
/// Prepared commands kept for the life of one long-lived connection (the writer thread's), so the
/// same SQL is not parsed again for every write. Only that thread uses the connection.
/// </summary>
internal static class PreparedStatements
{
    private static readonly ConditionalWeakTable<SqliteConnection, Dictionary<string, SqliteCommand>> Caches = new();

    public static void KeepFor(SqliteConnection connection) => Caches.AddOrUpdate(connection, new(StringComparer.Ordinal));

    public static void Forget(SqliteConnection connection)
    {
        if (!Caches.TryGetValue(connection, out var cache)) return;
        foreach (var command in cache.Values) command.Dispose();
        Caches.Remove(connection);
    }

    /// <summary>A cached command ready to run (parameters replaced), or null when this connection keeps none.</summary>
    public static SqliteCommand? Reuse(SqliteConnection connection, string sql, SqliteTransaction? transaction, (string Name, object? Value)[] parameters)
    {
        if (!Caches.TryGetValue(connection, out var cache)) return null;
        if (!cache.TryGetValue(sql, out var command))
        {
            command = connection.CreateCommand();
            command.CommandText = sql;
            cache[sql] = command;
        }
        command.Transaction = transaction;
        command.Parameters.Clear();
        foreach (var (name, value) in parameters)
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        return command;
    }
}
