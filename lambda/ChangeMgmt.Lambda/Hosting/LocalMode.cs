using ChangeMgmt.Core.Configuration;
using ChangeMgmt.Local;

namespace ChangeMgmt.Lambda.Hosting;

/// <summary>Local mode: every port backed by one SQLite file under the data directory.</summary>
public static class LocalMode
{
    public static IServiceCollection AddLocalBackend(this IServiceCollection services, LoadedConfig config, ServerSettings settings)
    {
        var backend = new LocalBackend(settings.DataDirectory, config.Config.S3Config?.BucketName ?? "changemgmt-local");
        services.AddSingleton(backend);
        services.AddSingleton(backend.Outbox);
        services.AddSingleton(backend.Queue);
        services.AddHostedService<LocalSeeder>();
        return services.AddPorts(backend.Objects, backend.Queue, backend.DeadLetters, backend.SesAccounts, backend.Ledger, settings.Worker);
    }
}
