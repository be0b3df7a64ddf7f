using ChangeMgmt.Core.Changes;
using ChangeMgmt.Core.Configuration;
using ChangeMgmt.Core.Delivery;
using ChangeMgmt.Core.Ports;
using ChangeMgmt.Core.Rendering;

namespace ChangeMgmt.Lambda.Hosting;

/// <summary>The core services, the same in every mode; the adapters behind their ports differ.</summary>
public static class CoreServices
{
    public static IServiceCollection AddChangeMgmtCore(this IServiceCollection services, LoadedConfig config)
    {
        services.AddSingleton(config);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new ChangeService(sp.GetRequiredService<Core.Ports.IObjectStore>(), config.Config, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(new TemplateLibrary(Path.Combine(config.ConfigDirectory, "templates")));
        services.AddSingleton(sp => new NotificationRenderer(config.Email, sp.GetRequiredService<TemplateLibrary>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<SendRateLimiters>();
        services.AddSingleton<DeliveryCounters>();
        services.AddSingleton<ChangeNotifier>();
        services.AddSingleton<ChangeMessageProcessor>();
        services.AddSingleton<QueueWorker>();
        services.AddSingleton<SqsBatchHandler>();
        return services;
    }

    /// <summary>The adapters behind the core's ports (local or AWS), and the queue worker when it runs here.</summary>
    public static IServiceCollection AddPorts(this IServiceCollection services, IObjectStore objects, IChangeQueue queue,
        IDeadLetterStore deadLetters, ISesAccountProvider sesAccounts, IDeliveryLedger ledger, bool worker)
    {
        services.AddSingleton(objects);
        services.AddSingleton(queue);
        services.AddSingleton(deadLetters);
        services.AddSingleton(sesAccounts);
        services.AddSingleton(ledger);
        if (worker) services.AddHostedService<QueueWorkerService>();
        return services;
    }
}
