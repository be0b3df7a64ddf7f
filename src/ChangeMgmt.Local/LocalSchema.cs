using Microsoft.Data.Sqlite;

namespace ChangeMgmt.Local;

/// <summary>The local-mode tables. Idempotent: every statement may run against an existing file.</summary>
internal static class LocalSchema
{
    private const string Sql = """
        CREATE TABLE IF NOT EXISTS objects (
            key TEXT PRIMARY KEY,
            content BLOB NOT NULL,
            etag TEXT NOT NULL,
            last_modified INTEGER NOT NULL);

        CREATE TABLE IF NOT EXISTS queue_messages (
            seq INTEGER PRIMARY KEY,
            message_id TEXT NOT NULL UNIQUE,
            customer_code TEXT NOT NULL,
            body TEXT NOT NULL,
            sent_at INTEGER NOT NULL,
            receive_count INTEGER NOT NULL DEFAULT 0,
            visible_at INTEGER NOT NULL,
            receipt_handle TEXT,
            last_error TEXT);
        CREATE INDEX IF NOT EXISTS queue_messages_visible ON queue_messages (customer_code, visible_at);

        CREATE TABLE IF NOT EXISTS dead_letters (
            seq INTEGER PRIMARY KEY,
            customer_code TEXT,
            message_id TEXT NOT NULL,
            body TEXT NOT NULL,
            reason TEXT NOT NULL,
            at INTEGER NOT NULL);
        CREATE INDEX IF NOT EXISTS dead_letters_customer ON dead_letters (customer_code);

        CREATE TABLE IF NOT EXISTS ses_accounts (
            customer_code TEXT PRIMARY KEY,
            max_send_rate REAL NOT NULL);

        CREATE TABLE IF NOT EXISTS ses_account_state (
            customer_code TEXT PRIMARY KEY,
            production_access INTEGER NOT NULL,
            suppressed_reasons TEXT NOT NULL);

        CREATE TABLE IF NOT EXISTS ses_identities (
            customer_code TEXT NOT NULL,
            identity TEXT NOT NULL,
            verified INTEGER NOT NULL,
            dkim_status TEXT NOT NULL,
            mail_from_domain TEXT,
            mail_from_behavior TEXT,
            configuration_set TEXT,
            PRIMARY KEY (customer_code, identity));

        CREATE TABLE IF NOT EXISTS ses_configuration_sets (
            customer_code TEXT NOT NULL,
            name TEXT NOT NULL,
            PRIMARY KEY (customer_code, name));

        CREATE TABLE IF NOT EXISTS ses_management_calls (
            customer_code TEXT NOT NULL,
            at_ms INTEGER NOT NULL,
            operation TEXT NOT NULL,
            throttled INTEGER NOT NULL);
        CREATE INDEX IF NOT EXISTS ses_management_calls_by_account ON ses_management_calls (customer_code, throttled, at_ms);

        CREATE TABLE IF NOT EXISTS ses_send_tokens (
            customer_code TEXT PRIMARY KEY,
            tokens REAL NOT NULL,
            refilled_at INTEGER NOT NULL,
            rate REAL NOT NULL);

        CREATE TABLE IF NOT EXISTS ses_contact_lists (
            customer_code TEXT NOT NULL,
            name TEXT NOT NULL,
            description TEXT,
            topics TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL,
            PRIMARY KEY (customer_code, name));

        CREATE TABLE IF NOT EXISTS ses_contacts (
            customer_code TEXT NOT NULL,
            list_name TEXT NOT NULL,
            email_key TEXT NOT NULL,
            email TEXT NOT NULL,
            topic_preferences TEXT NOT NULL,
            unsubscribe_all INTEGER NOT NULL,
            attributes TEXT,
            created_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL,
            PRIMARY KEY (customer_code, list_name, email_key));

        CREATE TABLE IF NOT EXISTS ses_suppressions (
            customer_code TEXT NOT NULL,
            email_key TEXT NOT NULL,
            email TEXT NOT NULL,
            reason TEXT NOT NULL,
            updated_at INTEGER NOT NULL,
            PRIMARY KEY (customer_code, email_key));

        CREATE TABLE IF NOT EXISTS sent_messages (
            seq INTEGER PRIMARY KEY,
            message_id TEXT NOT NULL UNIQUE,
            customer_code TEXT NOT NULL,
            from_address TEXT NOT NULL,
            to_address TEXT NOT NULL,
            recipient_key TEXT NOT NULL,
            subject TEXT NOT NULL,
            topic TEXT,
            contact_list TEXT,
            tags TEXT NOT NULL,
            sent_at INTEGER NOT NULL,
            mime BLOB NOT NULL);
        CREATE INDEX IF NOT EXISTS sent_messages_customer ON sent_messages (customer_code, seq);
        CREATE INDEX IF NOT EXISTS sent_messages_recipient ON sent_messages (customer_code, recipient_key);

        CREATE TABLE IF NOT EXISTS delivery_ledger (
            customer_code TEXT NOT NULL,
            change_id TEXT NOT NULL,
            kind TEXT NOT NULL,
            version INTEGER NOT NULL,
            recipient TEXT NOT NULL,
            topic TEXT NOT NULL,
            state TEXT NOT NULL,
            message_id TEXT,
            error TEXT,
            attempts INTEGER NOT NULL,
            claimed_until INTEGER,
            updated_at INTEGER NOT NULL,
            recipients INTEGER,
            PRIMARY KEY (customer_code, change_id, kind, version, recipient));
        CREATE INDEX IF NOT EXISTS delivery_ledger_change ON delivery_ledger (change_id);

        CREATE TABLE IF NOT EXISTS send_time (
            customer_code TEXT NOT NULL PRIMARY KEY,
            booked_until INTEGER NOT NULL);
        """;

    /// <summary>The per-recipient outcome (issue 20's feedback), added to files written before it.</summary>
    private static readonly (string Column, string Type)[] OutcomeColumns =
        [("sent_at", "INTEGER"), ("outcome", "TEXT"), ("outcome_rank", "INTEGER"), ("outcome_detail", "TEXT"), ("outcome_at", "INTEGER"), ("undelivered", "INTEGER")];

    /// <summary>A customer's sends by time (reputation), and the changes with undelivered notices (search), both partial.</summary>
    private const string OutcomeIndexes =
        """
        CREATE INDEX IF NOT EXISTS delivery_ledger_sent ON delivery_ledger (customer_code, sent_at) WHERE sent_at IS NOT NULL;
        CREATE INDEX IF NOT EXISTS delivery_ledger_undelivered ON delivery_ledger (customer_code, change_id) WHERE undelivered = 1;
        """;

    public static void Create(SqliteConnection connection)
    {
        // journal_mode is stored in the file; it cannot change inside a transaction.
        connection.Execute("PRAGMA journal_mode = WAL;");
        using var transaction = connection.BeginTransaction();
        connection.Execute(Sql, transaction);
        AddColumnIfMissing(connection, transaction, "delivery_ledger", "recipients", "INTEGER");
        foreach (var (column, type) in OutcomeColumns)
            AddColumnIfMissing(connection, transaction, "delivery_ledger", column, type);
        connection.Execute(OutcomeIndexes, transaction);
        transaction.Commit();
    }

    /// <summary>A column added after the table first shipped: files written before it get it here.</summary>
    private static void AddColumnIfMissing(SqliteConnection connection, SqliteTransaction transaction, string table, string column, string type)
    {
        if (connection.Scalar($"SELECT COUNT(*) FROM pragma_table_info('{table}') WHERE name = $column", transaction, ("$column", column)) is 0L)
            connection.Execute($"ALTER TABLE {table} ADD COLUMN {column} {type}", transaction);
    }
}
