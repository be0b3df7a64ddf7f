using Amazon.Runtime;
using Amazon.S3.Model;
using Amazon.SQS.Model;
using ChangeMgmt.Aws.Ledger;
using ChangeMgmt.Aws.Queues;
using ChangeMgmt.Aws.Storage;
using ChangeMgmt.Aws.Tests.Support;
using ChangeMgmt.Core.Configuration;
using ChangeMgmt.Core.Delivery;
using ChangeMgmt.Core.Feedback;
using ChangeMgmt.Core.Ports;
using ChangeMgmt.Core.Rendering;
using ChangeMgmt.Core.Resilience;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChangeMgmt.Aws.Tests.EndToEnd;

/// <summary>
/// The MSP account (bucket, one queue per customer with S3 notifications for its prefix, ledger
/// table) and each customer's own SES account (verified sender, contact list, contacts), in moto.
/// </summary>
public sealed class AwsWorld : IDisposable
{
    public const string Bucket = "msp-change-metadata-e2e";
    public const string Sender = "changes@msp.example";
    private const string MspAccount = "123456789012";

    public static readonly Dictionary<string, (string Account, string Region, string[] Contacts, string[] Suppressed)> Customers = new()
    {
        ["acme"] = ("110000000001", "us-east-1", ["ann@acme.example", "ben@acme.example", "eve@acme.example"], ["eve@acme.example"]),
        ["globex"] = ("110000000002", "us-west-2", ["hal@globex.example"], []),
        ["initech"] = ("110000000003", "us-east-1", ["ivy@initech.example"], []),
    };

    /// <summary>Each account's contact list name (default: every account has "changemgmt" and config names it).</summary>
    private readonly IReadOnlyDictionary<string, string?>? listNames;

    /// <param name="listNames">
    /// The contact list each customer's account holds, as an earlier tool left it (null: none at all);
    /// given, the configuration names no contact list, so each account's own list is found.
    /// </param>
    public AwsWorld(MotoServer moto, IReadOnlyDictionary<string, string?>? listNames = null)
    {
        this.listNames = listNames;
        Settings = new AwsSettings("us-east-1", new BasicAWSCredentials("test", "test"), moto.Endpoints, TimeProvider.System, ChangeMgmt.Core.Resilience.RetryPolicy.Default)
        {
            CallerName = "changemgmt-e2e",
        };
        Config = BuildConfig(configuredListName: listNames is null ? "changemgmt" : null);
        Adapters = new AwsAdapters(Config, Settings, sesManagementRequestsPerSecond: 50,
            sesHandlers: c => new SesGapsHandler(maxSendRate: 20, Customers[c.CustomerCode].Suppressed));
        var notifier = new ChangeNotifier(Config, Adapters.SesAccounts, Adapters.Ledger, Adapters.Objects,
            new NotificationRenderer(Config.Email, new TemplateLibrary(null)), new SendPacers(Adapters.Ledger, TimeProvider.System), new DeliveryCounters(),
            NullLogger<ChangeNotifier>.Instance, TimeProvider.System);
        Processor = new ChangeMessageProcessor(Config, Adapters.Objects, notifier, NullLogger<ChangeMessageProcessor>.Instance);
        Worker = new QueueWorker(Adapters.Queue, Adapters.DeadLetters, Processor, NullLogger<QueueWorker>.Instance, TimeProvider.System);
        BatchHandler = new SqsBatchHandler(Config, Processor, new FeedbackProcessor(Adapters.Ledger, NullLogger<FeedbackProcessor>.Instance),
            Adapters.DeadLetters, Adapters.Queue, NullLogger<SqsBatchHandler>.Instance, TimeProvider.System);
    }

    public AwsSettings Settings { get; }
    public LoadedConfig Config { get; }
    public AwsAdapters Adapters { get; }
    public ChangeMessageProcessor Processor { get; }
    public QueueWorker Worker { get; }

    /// <summary>The delivery function's <c>POST /events</c> handler: customer queues' change messages and SES events.</summary>
    public SqsBatchHandler BatchHandler { get; }

    public static string QueueArn(string customer) => $"arn:aws:sqs:us-east-1:{MspAccount}:changemgmt-{customer}";

    public async Task CreateAsync()
    {
        using var s3 = S3ObjectStore.CreateClient(Settings);
        using var sqs = SqsChangeQueue.CreateClient(Settings, "us-east-1");
        await s3.PutBucketAsync(new PutBucketRequest { BucketName = Bucket });
        foreach (var code in Customers.Keys)
            await sqs.CreateQueueAsync(new CreateQueueRequest { QueueName = $"changemgmt-{code}" });
        await s3.PutBucketNotificationAsync(new PutBucketNotificationRequest
        {
            BucketName = Bucket,
            QueueConfigurations = [.. Customers.Keys.Select(code => new QueueConfiguration
            {
                Id = $"changemgmt-{code}",
                Queue = QueueArn(code),
                Events = [Amazon.S3.EventType.ObjectCreatedPut],
                Filter = new Filter { S3KeyFilter = new S3KeyFilter { FilterRules = [new("prefix", $"customers/{code}/"), new("suffix", ".json")] } },
            })],
        });
        await Adapters.Dynamo.CreateTableAsync(DynamoDeliveryLedger.TableDefinition(Adapters.LedgerTable));
        await Task.WhenAll(Config.Config.Customers.Select(CreateCustomerAccountAsync));
    }

    private async Task CreateCustomerAccountAsync(CustomerConfig customer)
    {
        using (var ses = new SignedJsonClient(Adapters.Roles.For(customer, CustomerRole.Ses), customer.Region!, "ses", Settings.Endpoints.For(AwsService.SesV2, customer.Region!), customer.CustomerCode))
            await ses.RestAsync(HttpMethod.Post, "/v2/email/identities", new { EmailIdentity = Sender }, default);
        var account = Adapters.SesAccounts.ForCustomer(customer.CustomerCode);
        var topics = Config.Topics.Select(t => new SesTopic(t.TopicName, t.DisplayName, t.Description, t.DefaultSubscriptionStatus)).ToList();
        var listName = listNames is null ? "changemgmt" : listNames.GetValueOrDefault(customer.CustomerCode);
        if (listName is null) return;
        await account.CreateContactListAsync(new SesContactList(listName, "e2e", topics), default);
        foreach (var address in Customers[customer.CustomerCode].Contacts)
        {
            var optInEverything = !address.StartsWith("ben@", StringComparison.Ordinal);
            await account.CreateContactAsync(listName, new SesContact(address,
                optInEverything ? [.. topics.Select(t => new TopicPreference(t.TopicName, SubscriptionStatus.OptIn))] : []), default);
        }
    }

    private static LoadedConfig BuildConfig(string? configuredListName)
    {
        var ses = new SesConfig
        {
            TopicGroupPrefix = ["aws"],
            TopicGroupMembers =
            [
                new() { TopicName = "approval", DisplayName = "Approvals", Description = "Approval requests", DefaultSubscriptionStatus = "OPT_OUT" },
                new() { TopicName = "announce", DisplayName = "Announcements", Description = "Announcements", DefaultSubscriptionStatus = "OPT_IN" },
                new() { TopicName = "calendar", DisplayName = "Calendar", Description = "Invites", DefaultSubscriptionStatus = "OPT_OUT" },
            ],
        };
        var config = new ChangeMgmtConfig
        {
            AwsRegion = "us-east-1",
            S3Config = new S3Config { BucketName = Bucket },
            DeliveryLedgerTable = "changemgmt-deliveries-e2e",
            CustomerMappings = Customers.ToDictionary(c => c.Key, c => new CustomerConfig
            {
                CustomerCode = c.Key,
                CustomerName = c.Key.ToUpperInvariant(),
                Region = c.Value.Region,
                SesRoleArn = $"arn:aws:iam::{c.Value.Account}:role/changemgmt-ses",
                ExternalId = $"external-{c.Key}",
                SqsQueueArn = QueueArn(c.Key),
                ContactListName = configuredListName,
            }),
            EmailConfig = new EmailConfig { SenderAddress = Sender, PortalBaseUrl = "https://changes.msp.example", MeetingOrganizer = "board@msp.example" },
        };
        return new LoadedConfig(config, ses, TopicExpander.Expand(ses), "e2e/config.json", "e2e/SESConfig.json");
    }

    public void Dispose() => Adapters.Dispose();
}
