using ChangeMgmt.Core.Announcements;
using ChangeMgmt.Core.Calendar;
using ChangeMgmt.Core.Changes;
using ChangeMgmt.Core.Configuration;
using ChangeMgmt.Core.Delivery;
using ChangeMgmt.Core.Feedback;
using ChangeMgmt.Core.Freezes;
using ChangeMgmt.Core.Ports;
using ChangeMgmt.Core.Readiness;
using ChangeMgmt.Core.Rendering;
using ChangeMgmt.Core.Subscriptions;
using ChangeMgmt.Core.Tokens;
using Microsoft.Extensions.Logging;

namespace ChangeMgmt.Core;

/// <summary>
/// The core services over one backend, wired once: the server registers these, a cmdlet builds
/// them for its command. Nothing here knows which backend or host it runs in.
/// </summary>
public sealed class ChangeMgmtServices
{
    /// <param name="timings">How long claims and received messages are held (shorter in tests); the defaults otherwise.</param>
    /// <param name="tokenKeys">The keys of preference links in emails (and calendar feeds); without them SES's own preferences page stands in.</param>
    /// <param name="readinessWarnings">Warn of a change's customers that are not ready (the server; a cmdlet would pay SES checks for a warning it drops).</param>
    public ChangeMgmtServices(LoadedConfig config, Backend backend, TimeProvider time, ILoggerFactory logs, DeliveryTimings? timings = null, bool readinessWarnings = false, TokenKeys? tokenKeys = null)
    {
        timings ??= new DeliveryTimings();
        var delivery = DeliveryOptions.Send with { ClaimLease = timings.ClaimLease };
        Config = config;
        Backend = backend;
        Readiness = new CustomerReadinessCache(config.Email, backend.SesAccounts, time);
        Freezes = new FreezeService(backend.Objects, config.Config, time);
        var changes = new ChangeService(backend.Objects, config.Config, time) { Freezes = Freezes };
        Changes = readinessWarnings
            ? new ChangeService(backend.Objects, config.Config, time) { Freezes = Freezes, WarningSources = [.. changes.WarningSources, new ReadinessWarnings(config.Config, Readiness)] }
            : changes;
        Announcements = new AnnouncementService(backend.Objects, config.Config, time);
        Calendar = new CalendarService(new ObjectStoreChangeIndex(backend.Objects), new AnnouncementIndex(backend.Objects), Freezes);
        Templates = new TemplateLibrary(Path.Combine(config.ConfigDirectory, "templates"));
        Renderer = new NotificationRenderer(config.Email, Templates, time);
        PreferenceTokens = tokenKeys is null ? null : new PreferenceToken(tokenKeys, time);
        Links = new PreferenceLinks(config.Email, PreferenceTokens);
        Notifier = new ChangeNotifier(config, backend.SesAccounts, backend.Ledger, backend.Objects, Renderer, Pacers = new SendPacers(backend.Ledger, time),
            Counters, logs.CreateLogger<ChangeNotifier>(), time) { Links = Links };
        Processor = new ChangeMessageProcessor(config, backend.Objects, Notifier, logs.CreateLogger<ChangeMessageProcessor>(), time);
        Feedback = new FeedbackProcessor(backend.Outcomes, logs.CreateLogger<FeedbackProcessor>())
        {
            Hygiene = new ContactHygiene(config.Config, backend.SesAccounts, logs.CreateLogger<ContactHygiene>()),
        };
        Worker = new QueueWorker(backend.Queue, backend.DeadLetters, Processor, logs.CreateLogger<QueueWorker>(), time)
        {
            VisibilityTimeout = timings.VisibilityTimeout,
            Options = delivery,
            // Local SES publishes its events to a queue beside the customers'; on AWS they arrive at POST /events.
            Feedback = backend.Mode == BackendMode.Local ? Feedback : null,
        };
        DeadLetters = new DeadLetters(backend.Queue, backend.DeadLetters, backend.Objects);
        DeliveryStatus = new DeliveryStatusReader(backend.Ledger, backend.DeadLetters, backend.Objects);
        Previews = new EmailPreviews(config, Renderer, time);
        Reputation = new ReputationService(config.Config, backend.Outcomes, backend.SesAccounts, time);
        BatchHandler = new SqsBatchHandler(config, Processor, Feedback, backend.DeadLetters, backend.Queue, logs.CreateLogger<SqsBatchHandler>(), time) { Options = delivery };
    }

    /// <summary>For hosts that report results themselves (the cmdlets): no log output, the system clock.</summary>
    public static ChangeMgmtServices Unlogged(LoadedConfig config, Backend backend) =>
        new(config, backend, TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance);

    /// <summary>
    /// For the cmdlets: logs to <paramref name="logs"/> (-Verbose/-Debug), the system clock. The cmdlets
    /// assembly never names a Microsoft.Extensions.Logging type: it loads outside the module's context.
    /// </summary>
    public static ChangeMgmtServices Logged(LoadedConfig config, Backend backend, Diagnostics.CallbackLogs logs, TokenKeys? tokenKeys = null) =>
        new(config, backend, TimeProvider.System, logs, tokenKeys: tokenKeys);

    public LoadedConfig Config { get; }

    /// <summary>Signs and reads the tokens of preference links; none when the host has no token keys.</summary>
    public PreferenceToken? PreferenceTokens { get; }

    /// <summary>Each recipient's preferences link, for every email sent.</summary>
    public PreferenceLinks Links { get; }
    public Backend Backend { get; }
    public ChangeService Changes { get; }
    public FreezeService Freezes { get; }
    public AnnouncementService Announcements { get; }
    public CalendarService Calendar { get; }
    public CustomerReadinessCache Readiness { get; }
    public TemplateLibrary Templates { get; }
    public NotificationRenderer Renderer { get; }
    public SendPacers Pacers { get; }
    public DeliveryCounters Counters { get; } = new();
    public ChangeNotifier Notifier { get; }
    public ChangeMessageProcessor Processor { get; }
    public QueueWorker Worker { get; }
    public SqsBatchHandler BatchHandler { get; }
    public DeadLetters DeadLetters { get; }
    public DeliveryStatusReader DeliveryStatus { get; }
    public EmailPreviews Previews { get; }
    public FeedbackProcessor Feedback { get; }
    public ReputationService Reputation { get; }
}
