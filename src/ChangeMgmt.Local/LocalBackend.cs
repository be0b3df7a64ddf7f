using ChangeMgmt.Core.Configuration;
using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Local;

/// <summary>Local mode's backend: the core's ports over the local adapters of one data directory, for any process that shares it (server, cmdlets).</summary>
public static class LocalBackend
{
    public const string DefaultBucketName = "changemgmt-local";

    public static string BucketName(LoadedConfig config) => config.Config.S3Config?.BucketName ?? DefaultBucketName;

    public static LocalAdapters OpenAdapters(LoadedConfig config, string dataDirectory, LocalAdapterOptions? options = null) =>
        new(dataDirectory, BucketName(config), options);

    public static Backend Open(LoadedConfig config, string dataDirectory) => Over(config, OpenAdapters(config, dataDirectory));

    /// <summary>The backend over adapters already open (the server keeps them to reach the outbox and the queues).</summary>
    public static Backend Over(LoadedConfig config, LocalAdapters local) =>
        new(BackendMode.Local, local.Objects, local.Queue, local.DeadLetters, local.SesAccounts, local.Ledger, local.Ledger,
            new LocalBucketNotifications(config.Config, BucketName(config)), local);
}
