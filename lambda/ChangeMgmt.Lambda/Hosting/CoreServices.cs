using ChangeMgmt.Core;
using ChangeMgmt.Core.Administration;
using ChangeMgmt.Core.AlternateContacts;
using ChangeMgmt.Core.Announcements;
using ChangeMgmt.Core.CalendarFeeds;
using ChangeMgmt.Core.Configuration;
using ChangeMgmt.Core.Ports;
using ChangeMgmt.Core.Subscriptions;
using ChangeMgmt.Core.Tokens;
#if LOCAL_MODE
using ChangeMgmt.Local;
#endif

namespace ChangeMgmt.Lambda.Hosting;

/// <summary>The core services, the same in every mode; the adapters behind their ports differ.</summary>
public static class CoreServices
{
    public static IServiceCollection AddChangeMgmtCore(this IServiceCollection services, LoadedConfig config, TokenKeys? tokenKeys)
    {
        if (tokenKeys is not null) services.AddSingleton(tokenKeys);
        services.AddSingleton(config);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new ChangeMgmtServices(config, sp.GetRequiredService<Backend>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILoggerFactory>(),
            sp.GetRequiredService<ServerSettings>().Timings, readinessWarnings: true, tokenKeys));
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
    /// Alternate contact drift reports, read by the API; checked by the sweep only where an organization provider is
    /// registered (AWS mode's delivery function, tests), since a check takes minutes and must never run in a request.
    /// </summary>
    public static IServiceCollection AddAlternateContacts(this IServiceCollection services, LoadedConfig config)
    {
        services.AddSingleton(sp => new AlternateContactReports(sp.GetRequiredService<IObjectStore>(), config, sp.GetRequiredService<TimeProvider>()));
        if (services.Any(s => s.ServiceType == typeof(IOrganizationProvider)))
            services.AddSingleton(sp => new AlternateContactChecks(
                new AlternateContactService(sp.GetRequiredService<IOrganizationProvider>(), config, sp.GetRequiredService<TimeProvider>()) { ReadsOnly = true },
                sp.GetRequiredService<AlternateContactReports>(), config, sp.GetRequiredService<TimeProvider>()));
        return services;
    }

    /// <summary>
    /// The keys of calendar feed and preference tokens: derived from the session secret on AWS (no new secret; the
    /// delivery function reads it from config.json auth's variable too, and without it sends SES's page instead of a
    /// preferences link), locally from a secret file in the data directory (the cmdlets on the same directory share it).
    /// </summary>
    public static TokenKeys? TokenKeysFor(LoadedConfig config, SessionAuthSettings? auth, ServerSettings settings)
    {
        if (auth is not null) return new TokenKeys(auth.Key);
#if LOCAL_MODE
        if (settings.Mode == ServerMode.Local) return LocalTokenSecret.Open(settings.DataDirectory);
#endif
        try
        {
            return TokenKeys.FromSessionSecret(config.Config.Auth, Environment.GetEnvironmentVariable);
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>Calendar feeds, their tokens signed with the calendar feed key.</summary>
    public static IServiceCollection AddCalendarFeeds(this IServiceCollection services, LoadedConfig config)
    {
        services.AddSingleton(sp => new CalendarFeedService(sp.GetRequiredService<IObjectStore>(), config.Config, sp.GetRequiredService<TokenKeys>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new CalendarFeedBuilder(sp.GetRequiredService<ChangeMgmt.Core.Changes.ChangeService>(), sp.GetRequiredService<AnnouncementService>(), config.Config, sp.GetRequiredService<TimeProvider>()));
        return services;
    }

    /// <summary>
    /// A recipient's own preferences, opened by the token of an email's link; a new contact service per request (it
    /// keeps the lists it read).
    /// </summary>
    public static IServiceCollection AddPreferences(this IServiceCollection services, LoadedConfig config) =>
        services.AddTransient(sp => new PreferencesService(config, new ChangeMgmt.Core.Administration.ContactService(sp.GetRequiredService<ISesAccountProvider>()),
            sp.GetRequiredService<ChangeMgmtServices>().PreferenceTokens ?? throw new InvalidOperationException("The API has no token keys.")));

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
