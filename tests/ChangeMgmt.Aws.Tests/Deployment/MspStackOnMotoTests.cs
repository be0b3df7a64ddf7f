using ChangeMgmt.Core.Resilience;
using System.Text;
using System.Text.Json.Nodes;
using Amazon.Runtime;
using Amazon.S3.Model;
using Amazon.SQS.Model;
using ChangeMgmt.Aws.Queues;
using ChangeMgmt.Aws.Storage;
using ChangeMgmt.Aws.Tests.Support;
using ChangeMgmt.Core.Administration;
using ChangeMgmt.Core.Configuration;
using ChangeMgmt.Deployment;
using ChangeMgmt.Core.Messages;
using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Aws.Tests.Deployment;

/// <summary>
/// The MSP stack's core resources (metadata bucket, each customer's queue and dead-letter queue,
/// queue policies, alarms, ledger table), as Export-ChangeMgmtTemplate generates them from the
/// shared fixture config, deployed into moto's CloudFormation; then a change written to the bucket
/// reaches the queues of the customers it names, and only those.
/// </summary>
public sealed class MspStackOnMotoTests(MotoServer moto) : IClassFixture<MotoServer>, IAsyncLifetime
{
    private const string MotoAccount = "123456789012";
    private const string StackName = "changemgmt";
    private static readonly string[] SesEventsRulePolicies = ["SesEventsQueuePolicy", "SesEventsDeadLetterQueuePolicy"];

    private static readonly string[] CoreTypes =
        ["AWS::S3::Bucket", "AWS::S3::BucketPolicy", "AWS::SQS::Queue", "AWS::SQS::QueuePolicy", "AWS::CloudWatch::Alarm", "AWS::SNS::Topic", "AWS::DynamoDB::Table"];

    private LoadedConfig config = null!;
    private AwsSettings settings = null!;
    private CfnTemplate template = null!;
    private TempDirectory folder = null!;

    public async Task InitializeAsync()
    {
        await moto.ResetAsync();
        folder = new TempDirectory();
        config = FixtureConfigInMotoAccount(folder);
        settings = new AwsSettings("us-east-1", new BasicAWSCredentials("test", "test"), moto.Endpoints, TimeProvider.System, Core.Resilience.RetryPolicy.Default);
        // The SES events queues' policies name their EventBridge rule, which is not in the subset.
        template = CfnTemplate.Parse(MspTemplate.Generate(config).Yaml).Subset((id, type) => CoreTypes.Contains(type) && !id.StartsWith("Portal", StringComparison.Ordinal) && !SesEventsRulePolicies.Contains(id));
        Assert.Empty(template.UnresolvedReferences());
        using var cloudFormation = new CloudFormationClient(settings.Credentials, settings.Region, moto.Endpoint);
        await cloudFormation.CreateStackAsync(StackName, template.ToJsonText());
        Assert.Equal("CREATE_COMPLETE", await cloudFormation.StackStatusAsync(StackName));
        await ApplyNotificationsMotoIgnoresAsync(await cloudFormation.ResourcesAsync(StackName));
    }

    public Task DisposeAsync()
    {
        folder.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task The_stack_makes_every_customer_queue_with_its_dead_letter_queue()
    {
        using var sqs = SqsChangeQueue.CreateClient(settings, "us-east-1");
        foreach (var customer in config.Config.Customers)
        {
            Assert.True(SqsQueueArn.TryParse(customer.SqsQueueArn, out var arn));
            var name = arn.QueueName;
            var attributes = (await sqs.GetQueueAttributesAsync((await sqs.GetQueueUrlAsync(name)).QueueUrl, ["All"])).Attributes;
            Assert.Equal(customer.SqsQueueArn, attributes["QueueArn"]);
            var redrive = JsonNode.Parse(attributes["RedrivePolicy"])!;
            Assert.Equal($"{customer.SqsQueueArn}-dlq", (string?)redrive["deadLetterTargetArn"]);
            Assert.Equal(5, (int)redrive["maxReceiveCount"]!);
            Assert.Equal("1800", attributes["VisibilityTimeout"]);
        }
    }

    [Fact]
    public async Task The_stack_makes_the_ses_events_queue_with_its_dead_letter_queue()
    {
        using var sqs = SqsChangeQueue.CreateClient(settings, "us-east-1");
        var attributes = (await sqs.GetQueueAttributesAsync((await sqs.GetQueueUrlAsync($"{StackName}-ses-events")).QueueUrl, ["All"])).Attributes;
        var redrive = JsonNode.Parse(attributes["RedrivePolicy"])!;
        Assert.Equal($"arn:aws:sqs:us-east-1:{MotoAccount}:{StackName}-ses-events-dlq", (string?)redrive["deadLetterTargetArn"]);
        Assert.Equal(5, (int)redrive["maxReceiveCount"]!);
        Assert.Equal("1800", attributes["VisibilityTimeout"]);
    }

    [Fact]
    public async Task Test_ChangeMgmtConfig_S3Event_finds_the_deployed_bucket_in_sync_with_config()
    {
        using var objects = new S3ObjectStore(settings, config.Config);
        var results = await S3EventCheck.RunAsync(config.Config, objects, config.Config.Customers, CancellationToken.None);
        Assert.Equal(config.Config.CustomerMappings.Keys.Order(), results.Select(r => r.CustomerCode).Order());
        Assert.All(results, r => Assert.True(r.IsInSync, r.Message));
    }

    [Fact]
    public async Task A_change_written_to_the_bucket_reaches_the_queues_of_its_customers_and_no_other()
    {
        var change = JsonNode.Parse(SharedFixtures.Text("change-submitted.json"))!;
        var changeId = (string)change["changeId"]!;
        var named = change["customers"]!.AsArray().Select(c => (string)c!).ToList();
        Assert.NotEmpty(named);
        using var objects = new S3ObjectStore(settings, config.Config);
        var body = Encoding.UTF8.GetBytes(change.ToJsonString());
        await objects.PutAsync($"archive/{changeId}.json", body, WriteCondition.None, CancellationToken.None);
        foreach (var code in named)
            await objects.PutAsync($"customers/{code}/{changeId}.json", body, WriteCondition.None, CancellationToken.None);

        using var queue = new SqsChangeQueue(settings, config.Config);
        foreach (var code in named)
        {
            var trigger = Assert.Single(await TriggersAsync(queue, code, TimeSpan.FromSeconds(5)));
            Assert.Equal((code, changeId, config.Config.S3Config!.BucketName), (trigger.CustomerCode, trigger.ChangeId, trigger.Bucket));
        }
        // moto delivers S3 notifications before PutObject answers: the other queues are already final.
        foreach (var other in config.Config.Customers.Where(c => !named.Contains(c.CustomerCode)))
            Assert.Empty(await TriggersAsync(queue, other.CustomerCode, TimeSpan.Zero));
    }

    /// <summary>The change triggers waiting in a customer's queue; S3's s3:TestEvent (sent when notifications are set) is skipped, as the worker does.</summary>
    private static async Task<IReadOnlyList<ChangeTrigger>> TriggersAsync(SqsChangeQueue queue, string customerCode, TimeSpan wait)
    {
        var messages = await queue.ReceiveAsync(customerCode, 10, TimeSpan.FromSeconds(30), wait, CancellationToken.None);
        var parsed = messages.Select(m => ChangeMessageParser.Parse(m.Body)).ToList();
        Assert.All(parsed, p => Assert.True(p is ParsedMessage.Triggers or ParsedMessage.TestEvent, $"{customerCode}: unexpected {p}"));
        return [.. parsed.OfType<ParsedMessage.Triggers>().SelectMany(t => t.Items)];
    }

    /// <summary>
    /// moto 5.2.1's CloudFormation creates the bucket but ignores its NotificationConfiguration (its
    /// FakeBucket.create_from_cloudformation_json reads only BucketEncryption and Tags). Where the live
    /// bucket has none, the template's own configuration is applied as S3 would from CloudFormation:
    /// each !GetAtt Queue.Arn resolved from the stack's resources.
    /// </summary>
    private async Task ApplyNotificationsMotoIgnoresAsync(IReadOnlyDictionary<string, (string Type, string PhysicalId)> resources)
    {
        using var s3 = S3ObjectStore.CreateClient(settings);
        using var sqs = SqsChangeQueue.CreateClient(settings, "us-east-1");
        var bucket = resources["MetadataBucket"].PhysicalId;
        Assert.Equal(config.Config.S3Config!.BucketName, bucket);
        if ((await s3.GetBucketNotificationAsync(bucket)).QueueConfigurations is { Count: > 0 }) return;

        var configurations = new List<QueueConfiguration>();
        foreach (var node in template.Properties("MetadataBucket")["NotificationConfiguration"]!["QueueConfigurations"]!.AsArray())
        {
            var queueUrl = resources[(string)node!["Queue"]!["Fn::GetAtt"]![0]!].PhysicalId;
            var rules = node["Filter"]!["S3Key"]!["Rules"]!.AsArray();
            configurations.Add(new QueueConfiguration
            {
                Queue = (await sqs.GetQueueAttributesAsync(queueUrl, ["QueueArn"])).Attributes["QueueArn"],
                Events = [new Amazon.S3.EventType((string)node["Event"]!)],
                Filter = new Filter { S3KeyFilter = new S3KeyFilter { FilterRules = [.. rules.Select(r => new FilterRule((string)r!["Name"]!, (string)r["Value"]!))] } },
            });
        }
        await s3.PutBucketNotificationAsync(new PutBucketNotificationRequest { BucketName = bucket, QueueConfigurations = configurations });
    }

    /// <summary>The shared fixture config with its queues in moto's account (moto names every queue there).</summary>
    private static LoadedConfig FixtureConfigInMotoAccount(TempDirectory folder)
    {
        var json = JsonNode.Parse(SharedFixtures.Text("config.json"))!;
        foreach (var (_, customer) in json["customer_mappings"]!.AsObject())
        {
            Assert.True(SqsQueueArn.TryParse((string?)customer!["sqs_queue_arn"], out var arn));
            customer["sqs_queue_arn"] = (arn with { AccountId = MotoAccount }).ToString();
        }
        folder.CopyFixture("SESConfig.json");
        return ConfigLoader.Load(folder.Write("config.json", json.ToJsonString()));
    }
}
