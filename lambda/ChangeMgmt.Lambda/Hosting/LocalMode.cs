using ChangeMgmt.Core.Configuration;
using ChangeMgmt.Core.Ports;
using ChangeMgmt.Local;

namespace ChangeMgmt.Lambda.Hosting;

/// <summary>Local mode: every port backed by one SQLite file under the data directory.</summary>
public static class LocalMode
{
    public static IServiceCollection AddLocalBackend(this IServiceCollection services, LoadedConfig config, ServerSettings settings)
    {
        var backend = LocalPorts.OpenBackend(config, settings.DataDirectory);
        services.AddSingleton(backend);
        services.AddSingleton(backend.Outbox);
        services.AddSingleton(backend.Queue);
        services.AddHostedService<LocalSeeder>();
        if (settings.ServesApi) services.AddHostedService<PendingWorkService>();
        return services.AddPorts(LocalPorts.Ports(config, backend), settings.Worker);
    }
}
