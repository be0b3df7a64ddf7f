namespace ChangeMgmt.Local;

/// <summary>All local-mode adapters over one data directory: <c>changemgmt.db</c> and <c>outbox/</c>.</summary>
public sealed class LocalAdapters : IDisposable
{
    public const string DatabaseFileName = "changemgmt.db";
    public const string OutboxFolderName = "outbox";

    public LocalAdapters(string dataDirectory, string bucketName, LocalAdapterOptions? options = null)
    {
        options ??= new LocalAdapterOptions();
        DataDirectory = Path.GetFullPath(dataDirectory);
        Directory.CreateDirectory(DataDirectory);
        Database = new LocalDatabase(Path.Combine(DataDirectory, DatabaseFileName));
        Queue = new LocalChangeQueue(Database, options.MaxReceiveCount, options.ReleaseDelay, options.Time);
        DeadLetters = new LocalDeadLetterStore(Database);
        Objects = new LocalObjectStore(Database, bucketName, Queue, options.Region, options.Time);
        OutboxDirectory = options.WriteEmlFiles ? Path.Combine(DataDirectory, OutboxFolderName) : null;
        SesAccounts = new LocalSesAccountProvider(Database, OutboxDirectory, options.DefaultMaxSendRate, options.Time, options.PublishSesEvents ? Queue : null,
            options.ManagementRequestsPerSecond);
        Ledger = new LocalDeliveryLedger(Database, options.Time);
        Outbox = new LocalOutbox(Database);
    }

    public string DataDirectory { get; }

    /// <summary>Where .eml files are written; null when that is turned off.</summary>
    public string? OutboxDirectory { get; }

    public LocalDatabase Database { get; }

    public LocalObjectStore Objects { get; }

    public LocalChangeQueue Queue { get; }

    public LocalDeadLetterStore DeadLetters { get; }

    public LocalSesAccountProvider SesAccounts { get; }

    public LocalDeliveryLedger Ledger { get; }

    public LocalOutbox Outbox { get; }

    public void Dispose() => Database.Dispose();
}
