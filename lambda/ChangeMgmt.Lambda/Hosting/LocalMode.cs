using ChangeMgmt.Core.Configuration;
using ChangeMgmt.Core.Ports;
using ChangeMgmt.Local;

namespace ChangeMgmt.Lambda.Hosting;

/// <summary>Local mode: every port backed by one SQLite file under the data directory.</summary>
public static class LocalMode
{
    public static IServiceCollection AddLocalBackend(this IServiceCollection services, LoadedConfig config, ServerSettings settings)
    {
        var backend = new LocalBackend(settings.DataDirectory, config.Config.S3Config?.BucketName ?? "changemgmt-local");
        services.AddSingleton(backend);
        services.AddSingleton<IObjectStore>(backend.Objects);
        services.AddSingleton<IChangeQueue>(backend.Queue);
        services.AddSingleton<IDeadLetterStore>(backend.DeadLetters);
        services.AddSingleton<ISesAccountProvider>(backend.SesAccounts);
        services.AddSingleton<IDeliveryLedger>(backend.Ledger);
        services.AddSingleton(backend.Outbox);
        services.AddSingleton(backend.Queue);
        services.AddHostedService<LocalSeeder>();
        if (settings.Worker) services.AddHostedService<QueueWorkerService>();
        return services;
    }
}
