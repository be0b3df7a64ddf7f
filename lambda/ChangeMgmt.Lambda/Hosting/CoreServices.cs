using ChangeMgmt.Core;
using ChangeMgmt.Core.Administration;
using ChangeMgmt.Core.Announcements;
using ChangeMgmt.Core.CalendarFeeds;
using ChangeMgmt.Core.Configuration;
using ChangeMgmt.Core.Ports;
using ChangeMgmt.Core.Subscriptions;
using ChangeMgmt.Local;

namespace ChangeMgmt.Lambda.Hosting;

/// <summary>The core services, the same in every mode; the adapters behind their ports differ.</summary>
public static class CoreServices
{
    public static IServiceCollection AddChangeMgmtCore(this IServiceCollection services, LoadedConfig config)
    {
        services.AddSingleton(config);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new ChangeMgmtServices(config, sp.GetRequiredService<Backend>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILoggerFactory>(),
            sp.GetRequiredService<ServerSettings>().Timings, readinessWarnings: true));
        services.AddSingleton(sp => sp.GetRequiredService<ChangeMgmtServices>().Changes);
        services.AddSingleton(sp => sp.GetRequiredService<ChangeMgmtServices>().Freezes);
        services.AddSingleton(sp => sp.GetRequiredService<ChangeMgmtServices>().Calendar);
        services.AddSingleton(sp => new AnnouncementService(sp.GetRequiredService<IObjectStore>(), config.Config, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<PendingWork>();
        services.AddSingleton<JobAudit>();
        services.AddSingleton(sp => sp.GetRequiredService<ChangeMgmtServices>().Readiness);
        services.AddSingleton(sp => sp.GetRequiredService<ChangeMgmtServices>().Renderer);
        services.AddSingleton(sp => sp.GetRequiredService<ChangeMgmtServices>().Counters);
        services.AddSingleton(sp => sp.GetRequiredService<ChangeMgmtServices>().Notifier);
        services.AddSingleton(sp => sp.GetRequiredService<ChangeMgmtServices>().Processor);
        services.AddSingleton(sp => sp.GetRequiredService<ChangeMgmtServices>().Worker);
        services.AddSingleton(sp => sp.GetRequiredService<ChangeMgmtServices>().BatchHandler);
        services.AddSingleton(sp => sp.GetRequiredService<ChangeMgmtServices>().DeadLetters);
        services.AddSingleton(sp => sp.GetRequiredService<ChangeMgmtServices>().DeliveryStatus);
        services.AddSingleton(sp => sp.GetRequiredService<ChangeMgmtServices>().Previews);
        services.AddSingleton(sp => sp.GetRequiredService<ChangeMgmtServices>().Feedback);
        services.AddSingleton(sp => sp.GetRequiredService<ChangeMgmtServices>().Reputation);
        return services;
    }

    /// <summary>Customers' subscriptions: contacts, bulk change files and the jobs that apply them (the runner is a step of the sweep).</summary>
    public static IServiceCollection AddSubscriptions(this IServiceCollection services, LoadedConfig config)
    {
        // Only the snapshot is used: the server keeps its backups in the bucket (SubscriptionBackups), not in this directory.
        services.AddSingleton(sp => new SubscriptionBackups(sp.GetRequiredService<IObjectStore>(),
            new ContactListBackups(sp.GetRequiredService<ISesAccountProvider>(), Path.GetTempPath(), sp.GetRequiredService<TimeProvider>())));
        services.AddSingleton(sp => new SubscriptionService(sp.GetRequiredService<ISesAccountProvider>(), sp.GetRequiredService<SubscriptionBackups>()));
        services.AddSingleton(sp => new SubscriptionJobs(sp.GetRequiredService<IObjectStore>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new SubscriptionImport(sp.GetRequiredService<ISesAccountProvider>(), sp.GetRequiredService<SubscriptionJobs>()));
        services.AddSingleton(sp => new SubscriptionJobRunner(sp.GetRequiredService<SubscriptionJobs>(), sp.GetRequiredService<ISesAccountProvider>(),
            sp.GetRequiredService<SubscriptionBackups>(), config, sp.GetRequiredService<TimeProvider>()));
        return services;
    }

    /// <summary>
    /// Calendar feeds: the token key derived from the session secret (AWS mode: no new secret), locally a key file in the
    /// data directory (the cmdlets on the same directory share it).
    /// </summary>
    public static IServiceCollection AddCalendarFeeds(this IServiceCollection services, LoadedConfig config, SessionAuthSettings? auth, ServerSettings settings)
    {
        services.AddSingleton<ICalendarFeedKey>(_ => auth is not null ? new DerivedFeedKey(auth.Key) : LocalFeedKey.Open(settings.DataDirectory));
        services.AddSingleton(sp => new CalendarFeedService(sp.GetRequiredService<IObjectStore>(), config.Config, sp.GetRequiredService<ICalendarFeedKey>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new CalendarFeedBuilder(sp.GetRequiredService<ChangeMgmt.Core.Changes.ChangeService>(), sp.GetRequiredService<AnnouncementService>(), config.Config, sp.GetRequiredService<TimeProvider>()));
        return services;
    }

    /// <summary>The adapters behind the core's ports (local or AWS), and the queue worker when it runs here.</summary>
    public static IServiceCollection AddPorts(this IServiceCollection services, Backend backend, bool worker)
    {
        services.AddSingleton(backend);
        services.AddSingleton(backend.Objects);
        services.AddSingleton(backend.Queue);
        services.AddSingleton(backend.DeadLetters);
        services.AddSingleton(backend.SesAccounts);
        services.AddSingleton(backend.Ledger);
        services.AddSingleton(backend.Outcomes);
        if (worker) services.AddHostedService<QueueWorkerService>();
        return services;
    }
}
