using ChangeMgmt.Core.Configuration;
using ChangeMgmt.Core.Ports;
using ChangeMgmt.Local;

namespace ChangeMgmt.Lambda.Hosting;

/// <summary>Local mode: every port backed by one SQLite file under the data directory.</summary>
public static class LocalMode
{
    public static IServiceCollection AddLocalBackend(this IServiceCollection services, LoadedConfig config, ServerSettings settings)
    {
        var adapters = LocalBackend.OpenAdapters(config, settings.DataDirectory);
        services.AddSingleton(adapters);
        services.AddSingleton(adapters.Outbox);
        services.AddSingleton(adapters.Queue);
        services.AddHostedService<LocalSeeder>();
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, ChangeMgmt.Lambda.Endpoints.OutboxJsonContext.Default));
        if (settings.ServesApi) services.AddHostedService<PendingWorkService>();
        return services.AddPorts(LocalBackend.Over(config, adapters), settings.Worker);
    }
}
