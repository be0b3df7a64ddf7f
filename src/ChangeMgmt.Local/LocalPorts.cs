using ChangeMgmt.Core.Configuration;
using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Local;

/// <summary>Local mode as the core's ports, for any process that shares the data directory (server, cmdlets).</summary>
public static class LocalPorts
{
    public const string DefaultBucketName = "changemgmt-local";

    public static string BucketName(LoadedConfig config) => config.Config.S3Config?.BucketName ?? DefaultBucketName;

    public static LocalBackend OpenBackend(LoadedConfig config, string dataDirectory, LocalBackendOptions? options = null) =>
        new(dataDirectory, BucketName(config), options);

    public static Backend Open(LoadedConfig config, string dataDirectory) => Ports(config, OpenBackend(config, dataDirectory));

    public static Backend Ports(LoadedConfig config, LocalBackend local) =>
        new(BackendMode.Local, local.Objects, local.Queue, local.DeadLetters, local.SesAccounts, local.Ledger,
            new LocalBucketNotifications(config.Config, BucketName(config)), local);
}
