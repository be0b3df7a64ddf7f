using Amazon.DynamoDBv2;
using ChangeMgmt.Aws.Credentials;
using ChangeMgmt.Aws.Ledger;
using ChangeMgmt.Aws.Queues;
using ChangeMgmt.Aws.Ses;
using ChangeMgmt.Aws.Storage;
using ChangeMgmt.Core.Configuration;

namespace ChangeMgmt.Aws;

/// <summary>
/// Every port on AWS, in one place: the change bucket (S3), per-customer queues (SQS), dead letters
/// (S3), each customer's SES account through its assumed role, and the delivery ledger (DynamoDB).
/// </summary>
public sealed class AwsAdapters : IDisposable
{
    /// <param name="sesHandlers">The innermost HTTP handler of each customer's SES client (a proxy, a test peer).</param>
    public AwsAdapters(LoadedConfig config, AwsSettings settings,
        double sesManagementRequestsPerSecond = AwsSesAccount.ManagementRequestsPerSecond,
        Func<CustomerConfig, HttpMessageHandler?>? sesHandlers = null)
    {
        Settings = settings;
        Roles = new AssumedCustomerRoles(settings);
        Objects = new S3ObjectStore(settings, config.Config);
        Queue = new SqsChangeQueue(settings, config.Config);
        DeadLetters = new S3DeadLetterStore(Objects);
        SesAccounts = new AwsSesAccountProvider(config, Roles, settings, sesManagementRequestsPerSecond, sesHandlers);
        // The ledger's calls are not wrapped by AwsRetry: the SDK is their one retry layer, with the caller's attempts.
        var dynamoConfig = AwsClientConfigs.For(new AmazonDynamoDBConfig(), settings, AwsService.DynamoDb, settings.Region);
        dynamoConfig.MaxErrorRetry = settings.Retry.MaxAttempts - 1;
        Dynamo = new AmazonDynamoDBClient(settings.Credentials, dynamoConfig);
        LedgerTable = config.Config.DeliveryLedgerTable ?? DynamoDeliveryLedger.DefaultTableName;
        Ledger = new DynamoDeliveryLedger(Dynamo, LedgerTable, config.Config.CustomerMappings.Keys, settings.Time);
    }

    public AwsSettings Settings { get; }
    public AssumedCustomerRoles Roles { get; }
    public S3ObjectStore Objects { get; }
    public SqsChangeQueue Queue { get; }
    public S3DeadLetterStore DeadLetters { get; }
    public AwsSesAccountProvider SesAccounts { get; }
    public AmazonDynamoDBClient Dynamo { get; }
    public string LedgerTable { get; }
    public DynamoDeliveryLedger Ledger { get; }

    public void Dispose()
    {
        Dynamo.Dispose();
        SesAccounts.Dispose();
        Queue.Dispose();
        Objects.Dispose();
        Roles.Dispose();
    }
}
