using ChangeMgmt.Core.Changes;
using ChangeMgmt.Core.Configuration;
using ChangeMgmt.Core.Delivery;
using ChangeMgmt.Core.Ports;
using ChangeMgmt.Core.Rendering;
using ChangeMgmt.Core.Resilience;
using ChangeMgmt.Local;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChangeMgmt.Tests.Delivery;

/// <summary>The delivery engine on a real local backend (SQLite file in a temp directory).</summary>
internal sealed class DeliveryWorld : IDisposable
{
    public const string ContactList = "changemgmt";
    private readonly string directory = Directory.CreateTempSubdirectory("changemgmt-delivery-").FullName;

    public DeliveryWorld(params string[] customers) : this(TimeProvider.System, customers)
    {
    }

    public DeliveryWorld(TimeProvider time, params string[] customers) : this(time, c => c, customers)
    {
    }

    /// <param name="configure">Changes to config.json as the world builds it (e.g. reminders).</param>
    public DeliveryWorld(TimeProvider time, Func<ChangeMgmtConfig, ChangeMgmtConfig> configure, params string[] customers)
    {
        Time = time;
        Config = BuildConfig(customers, configure);
        Adapters = new LocalAdapters(directory, "changemgmt-test", new LocalAdapterOptions { Time = time });
        Changes = new ChangeService(Adapters.Objects, Config.Config, time);
    }

    public TimeProvider Time { get; }

    /// <summary>A window three days ahead of this world's clock, on the hour (a window that has ended cannot be submitted).</summary>
    private DateTimeOffset WindowStart => new DateTimeOffset(Time.GetUtcNow().UtcDateTime.Date, TimeSpan.Zero).AddDays(3).AddHours(22);

    public LoadedConfig Config { get; }
    public LocalAdapters Adapters { get; }
    public ChangeService Changes { get; }
    public DeliveryCounters Counters { get; } = new();

    /// <summary>A fresh engine over the shared backend: two of these are two workers.</summary>
    public (ChangeMessageProcessor Processor, QueueWorker Worker) Engine(
        ISesAccountProvider? accounts = null, IChangeQueue? queue = null, TimeSpan? visibility = null, IDeliveryLedger? ledger = null)
    {
        var time = Time;
        ledger ??= Adapters.Ledger;
        var notifier = new ChangeNotifier(Config, accounts ?? Adapters.SesAccounts, ledger, Adapters.Objects,
            new NotificationRenderer(Config.Email, new TemplateLibrary(null), time), new SendPacers(ledger, time), Counters,
            NullLogger<ChangeNotifier>.Instance, time)
        {
            Retry = new RetryPolicy(10, TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(5)),
        };
        var processor = new ChangeMessageProcessor(Config, Adapters.Objects, notifier, NullLogger<ChangeMessageProcessor>.Instance, time);
        var worker = new QueueWorker(queue ?? Adapters.Queue, Adapters.DeadLetters, processor, NullLogger<QueueWorker>.Instance, time)
        {
            VisibilityTimeout = visibility ?? TimeSpan.FromMinutes(5),
        };
        return (processor, worker);
    }

    public async Task SeedAsync(string customer, int contacts, double rate = 500)
    {
        var account = Adapters.SesAccounts.ForCustomer(customer);
        var topics = Config.Topics.Select(t => new SesTopic(t.TopicName, t.DisplayName, t.Description, t.DefaultSubscriptionStatus)).ToList();
        await account.CreateContactListAsync(new SesContactList(ContactList, null, topics), default);
        await account.SetMaxSendRateAsync(rate, default);
        for (var i = 0; i < contacts; i++)
            await account.CreateContactAsync(ContactList, new SesContact(Recipient(customer, i), [new TopicPreference("aws-approval", SubscriptionStatus.OptIn)]), default);
    }

    public static string Recipient(string customer, int i) => $"p{i:D3}@{customer}.example";

    public static string QueueArn(string customer) => $"arn:aws:sqs:us-east-1:100000000000:changemgmt-{customer}";

    public async Task<Change> SubmittedChangeAsync(params string[] customers)
    {
        var draft = await Changes.CreateAsync(new Change
        {
            ChangeTitle = "Patch the bastion hosts",
            Customers = [.. customers],
            ChangeReason = "CVE", ImplementationPlan = "Patch", TestPlan = "Check", CustomerImpact = "None", RollbackPlan = "Restore",
            ImplementationStart = WindowStart,
            ImplementationEnd = WindowStart.AddHours(1),
            Timezone = "Europe/London",
        }, "tester", default);
        return (await Changes.ApplyAsync(draft.ChangeId, ChangeAction.Submit, "tester", null, default)).Change;
    }

    public async Task<QueuedMessage> TakeOneAsync(string customer)
    {
        var messages = await Adapters.Queue.ReceiveAsync(customer, 10, TimeSpan.FromMinutes(5), TimeSpan.Zero, default);
        return Assert.Single(messages);
    }

    public void Dispose()
    {
        Adapters.Dispose();
        Directory.Delete(directory, recursive: true);
    }

    private static LoadedConfig BuildConfig(string[] customers, Func<ChangeMgmtConfig, ChangeMgmtConfig> configure)
    {
        var ses = new SesConfig
        {
            TopicGroupPrefix = ["aws"],
            TopicGroupMembers =
            [
                new() { TopicName = "approval", DisplayName = "Approvals", DefaultSubscriptionStatus = "OPT_OUT" },
                new() { TopicName = "announce", DisplayName = "Announcements", DefaultSubscriptionStatus = "OPT_IN" },
                new() { TopicName = "calendar", DisplayName = "Calendar", DefaultSubscriptionStatus = "OPT_OUT" },
            ],
        };
        var config = new ChangeMgmtConfig
        {
            CustomerMappings = customers.ToDictionary(c => c, c => new CustomerConfig { CustomerCode = c, CustomerName = c.ToUpperInvariant(), SqsQueueArn = QueueArn(c) }),
            EmailConfig = new EmailConfig { SenderAddress = "changes@msp.example", PortalBaseUrl = "https://changes.msp.example" },
        };
        return new LoadedConfig(configure(config), ses, TopicExpander.Expand(ses), "test/config.json", "test/SESConfig.json");
    }
}
