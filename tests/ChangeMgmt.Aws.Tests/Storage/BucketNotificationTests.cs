using System.Text;
using Amazon.S3;
using Amazon.S3.Model;
using Amazon.SQS;
using ChangeMgmt.Aws.Queues;
using ChangeMgmt.Aws.Storage;
using ChangeMgmt.Aws.Tests.Credentials;
using ChangeMgmt.Aws.Tests.Support;
using ChangeMgmt.Core.Changes;
using ChangeMgmt.Core.Configuration;
using ChangeMgmt.Core.Messages;
using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Aws.Tests.Storage;

/// <summary>The bucket notifies one queue per customer prefix; each queue gets only its own customer's triggers.</summary>
[Collection(MotoCollection.Name)]
public sealed class BucketNotificationTests(MotoServer moto) : IAsyncLifetime
{
    private const string Bucket = "changemgmt-notify-test";
    private static readonly string[] Customers = ["acme", "globex"];
    private AmazonS3Client _s3 = null!;
    private AmazonSQSClient _sqs = null!;
    private ChangeMgmtConfig _config = null!;

    public async Task InitializeAsync()
    {
        _s3 = await MotoBuckets.FreshAsync(moto, Bucket);
        _sqs = SqsChangeQueue.CreateClient(MotoSettings.For(moto), MotoSettings.Region);
        var mappings = new Dictionary<string, CustomerConfig>(StringComparer.Ordinal);
        foreach (var code in Customers)
        {
            var url = (await _sqs.CreateQueueAsync($"changemgmt-{code}")).QueueUrl;
            var arn = (await _sqs.GetQueueAttributesAsync(url, ["QueueArn"])).Attributes!["QueueArn"];
            mappings[code] = new CustomerConfig { CustomerCode = code, SqsQueueArn = arn };
        }
        _config = new ChangeMgmtConfig { CustomerMappings = mappings, S3Config = new S3Config { BucketName = Bucket } };
    }

    public Task DisposeAsync()
    {
        _s3.Dispose();
        _sqs.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Each_customer_queue_gets_exactly_its_own_customers_trigger()
    {
        await _s3.PutBucketNotificationAsync(new PutBucketNotificationRequest
        {
            BucketName = Bucket,
            QueueConfigurations = [.. Customers.Select(code => new QueueConfiguration
            {
                Id = $"changemgmt-{code}",
                Queue = _config.FindCustomer(code)!.SqsQueueArn,
                Events = [EventType.ObjectCreatedAll],
                Filter = new Filter
                {
                    S3KeyFilter = new S3KeyFilter
                    {
                        FilterRules = [new FilterRule("prefix", StorageLayout.CustomerPrefix(code)), new FilterRule("suffix", ".json")],
                    },
                },
            })],
        });
        using var queue = new SqsChangeQueue(MotoSettings.For(moto), _config);
        using var store = new S3ObjectStore(MotoSettings.For(moto), _config);
        foreach (var code in Customers)
            Assert.All(await DrainAsync(queue, code), m => Assert.IsType<ParsedMessage.TestEvent>(ChangeMessageParser.Parse(m.Body)));

        await store.PutAsync(StorageLayout.CustomerTrigger("acme", "CHG-20260301-ACME01"), Encoding.UTF8.GetBytes("{}"), WriteCondition.None, default);
        await store.PutAsync(StorageLayout.CustomerTrigger("globex", "CHG-20260301-GLBX01"), Encoding.UTF8.GetBytes("{}"), WriteCondition.None, default);
        await store.PutAsync("customers/acme/notes.txt", Encoding.UTF8.GetBytes("not a trigger"), WriteCondition.None, default);
        await store.PutAsync(StorageLayout.Archive("CHG-20260301-ACME01"), Encoding.UTF8.GetBytes("{}"), WriteCondition.None, default);

        Assert.Equal(("acme", "CHG-20260301-ACME01"), await SingleTriggerAsync(queue, "acme"));
        Assert.Equal(("globex", "CHG-20260301-GLBX01"), await SingleTriggerAsync(queue, "globex"));
    }

    private static async Task<(string Customer, string ChangeId)> SingleTriggerAsync(SqsChangeQueue queue, string code)
    {
        var message = Assert.Single(await queue.ReceiveAsync(code, 10, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(5), default));
        await queue.DeleteAsync(message, default);
        Assert.Empty(await queue.ReceiveAsync(code, 10, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(1), default));
        var triggers = Assert.IsType<ParsedMessage.Triggers>(ChangeMessageParser.Parse(message.Body));
        var trigger = Assert.Single(triggers.Items);
        Assert.Equal(Bucket, trigger.Bucket);
        return (trigger.CustomerCode, trigger.ChangeId);
    }

    /// <summary>Everything in the queue now (S3's s3:TestEvent arrives when the configuration is set), deleted.</summary>
    private static async Task<List<QueuedMessage>> DrainAsync(SqsChangeQueue queue, string code)
    {
        var drained = new List<QueuedMessage>();
        while (await queue.ReceiveAsync(code, 10, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(drained.Count == 0 ? 2 : 0), default) is { Count: > 0 } batch)
        {
            foreach (var message in batch)
                await queue.DeleteAsync(message, default);
            drained.AddRange(batch);
        }
        Assert.NotEmpty(drained);
        return drained;
    }
}
