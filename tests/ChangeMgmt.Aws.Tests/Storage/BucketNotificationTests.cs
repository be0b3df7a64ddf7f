using System.Text;
using Amazon.S3;
using Amazon.S3.Model;
using Amazon.SQS;
using ChangeMgmt.Aws.Queues;
using ChangeMgmt.Aws.Storage;
using ChangeMgmt.Aws.Tests.Credentials;
using ChangeMgmt.Aws.Tests.Support;
using ChangeMgmt.Core.Administration;
using ChangeMgmt.Core.Changes;
using ChangeMgmt.Core.Configuration;
using ChangeMgmt.Core.Errors;
using ChangeMgmt.Core.Messages;
using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Aws.Tests.Storage;

/// <summary>
/// The bucket notifies one queue per customer prefix; each queue gets only its own customer's triggers.
/// S3EventCheck reads that configuration back through S3ObjectStore and reports drift against config.
/// </summary>
[Collection(MotoCollection.Name)]
public sealed class BucketNotificationTests(MotoServer moto) : IAsyncLifetime
{
    private const string Bucket = "changemgmt-notify-test";
    private static readonly string[] Customers = ["acme", "globex", "initech"];
    private AmazonS3Client _s3 = null!;
    private AmazonSQSClient _sqs = null!;
    private ChangeMgmtConfig _config = null!;

    public async Task InitializeAsync()
    {
        _s3 = await MotoBuckets.FreshAsync(moto, Bucket);
        _sqs = SqsChangeQueue.CreateClient(MotoSettings.For(moto), MotoSettings.Region);
        var mappings = new Dictionary<string, CustomerConfig>(StringComparer.Ordinal);
        foreach (var code in Customers)
            mappings[code] = new CustomerConfig { CustomerCode = code, SqsQueueArn = await QueueArnAsync($"changemgmt-{code}") };
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
        await PutNotificationsAsync([.. Customers.Select(code => Notification(code, _config.FindCustomer(code)!.SqsQueueArn!))]);
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

    [Fact]
    public async Task A_reminder_the_sweep_writes_reaches_only_its_customers_queue_naming_its_moment()
    {
        await PutNotificationsAsync([.. Customers.Select(code => Notification(code, _config.FindCustomer(code)!.SqsQueueArn!))]);
        using var queue = new SqsChangeQueue(MotoSettings.For(moto), _config);
        using var store = new S3ObjectStore(MotoSettings.For(moto), _config);
        foreach (var code in Customers)
            await DrainAsync(queue, code);
        var clock = new ChangeMgmt.Testing.ShiftedClock(DateTimeOffset.UtcNow);
        var changes = new ChangeService(store, _config, clock);
        var start = new DateTimeOffset(clock.GetUtcNow().UtcDateTime.Date, TimeSpan.Zero).AddDays(3).AddHours(22);
        var draft = await changes.CreateAsync(new Change
        {
            ChangeTitle = "Patch the bastion hosts", Customers = ["acme"], ChangeReason = "CVE", ImplementationPlan = "Patch", TestPlan = "Check",
            CustomerImpact = "None", RollbackPlan = "Restore", ImplementationStart = start, ImplementationEnd = start.AddHours(1), Timezone = "Europe/London",
        }, "alice", default);
        await changes.ApplyAsync(draft.ChangeId, ChangeAction.Submit, "alice", null, default);
        await changes.ApplyAsync(draft.ChangeId, ChangeAction.Approve, "bob", null, default);
        await DrainAsync(queue, "acme");

        clock.AdvanceTo(start.AddMinutes(-59));
        Assert.Equal(1, await changes.SendDueRemindersAsync(default));

        var message = Assert.Single(await queue.ReceiveAsync("acme", 10, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(5), default));
        var trigger = Assert.Single(Assert.IsType<ParsedMessage.Triggers>(ChangeMessageParser.Parse(message.Body)).Items);
        Assert.Equal(("acme", draft.ChangeId, (ChangeMgmt.Core.Reminders.ChangeMoment?)ChangeMgmt.Core.Reminders.ChangeMoment.HourBefore), (trigger.CustomerCode, trigger.ChangeId, trigger.Moment));
        Assert.Empty(await queue.ReceiveAsync("globex", 10, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(1), default));
    }

    [Fact]
    public async Task The_check_reads_the_live_configuration_one_customer_right_one_wrong_queue_one_missing()
    {
        var strayQueue = await QueueArnAsync("changemgmt-globex-old");
        await PutNotificationsAsync([Notification("acme", _config.FindCustomer("acme")!.SqsQueueArn!), Notification("globex", strayQueue)]);
        using var store = new S3ObjectStore(MotoSettings.For(moto), _config);

        var rules = await store.GetQueueNotificationsAsync(default);
        var results = await S3EventCheck.RunAsync(_config, store, _config.Customers, default);

        var acmeRule = Assert.Single(rules, r => r.Id == "changemgmt-acme");
        Assert.Equal((_config.FindCustomer("acme")!.SqsQueueArn, "customers/acme/", ".json"), (acmeRule.QueueArn, acmeRule.Prefix, acmeRule.Suffix));
        Assert.Equal(["s3:ObjectCreated:*"], acmeRule.Events);
        Assert.Equal(
            [("acme", S3EventStatus.InSync), ("globex", S3EventStatus.WrongQueue), ("initech", S3EventStatus.Missing)],
            results.Select(r => (r.CustomerCode, r.Status)));
        Assert.All(results, r => Assert.Equal(Bucket, r.BucketName));
        var globex = results[1];
        Assert.Equal((_config.FindCustomer("globex")!.SqsQueueArn, strayQueue), (globex.ExpectedQueueArn, globex.ActualQueueArn));
        Assert.Contains($"sends to {strayQueue} instead of", globex.Message);
        Assert.Contains("add a queue notification for prefix customers/initech/ suffix .json", results[2].Message);
    }

    [Fact]
    public async Task A_bucket_without_any_notification_configuration_leaves_every_customer_missing()
    {
        using var store = new S3ObjectStore(MotoSettings.For(moto), _config);

        Assert.Empty(await store.GetQueueNotificationsAsync(default));
        var results = await S3EventCheck.RunAsync(_config, store, _config.Customers, default);

        Assert.Equal(Customers, results.Select(r => r.CustomerCode));
        Assert.All(results, r => Assert.Equal(S3EventStatus.Missing, r.Status));
    }

    /// <summary>Why the check compares the suffix case-sensitively: a ".JSON" filter lets no trigger through.</summary>
    [Fact]
    public async Task An_upper_case_json_suffix_delivers_no_trigger_and_is_reported_as_wrong_filter()
    {
        var acmeQueue = _config.FindCustomer("acme")!.SqsQueueArn!;
        await PutNotificationsAsync([Notification("acme", acmeQueue, suffix: ".JSON")]);
        using var queue = new SqsChangeQueue(MotoSettings.For(moto), _config);
        using var store = new S3ObjectStore(MotoSettings.For(moto), _config);
        await DrainAsync(queue, "acme");

        await store.PutAsync(StorageLayout.CustomerTrigger("acme", "CHG-20260301-ACME02"), Encoding.UTF8.GetBytes("{}"), WriteCondition.None, default);

        Assert.Empty(await queue.ReceiveAsync("acme", 10, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(2), default));
        var acme = (await S3EventCheck.RunAsync(_config, store, _config.Customers, default))[0];
        Assert.Equal(("acme", S3EventStatus.WrongFilter), (acme.CustomerCode, acme.Status));
    }

    [Fact]
    public async Task Reading_the_notifications_of_a_missing_bucket_is_a_not_found_service_error()
    {
        using var store = new S3ObjectStore(MotoSettings.For(moto), "changemgmt-no-such-bucket");

        var error = await Assert.ThrowsAsync<ServiceException>(() => store.GetQueueNotificationsAsync(default));

        Assert.Equal(ServiceErrorKind.NotFound, error.Kind);
        Assert.Equal("NoSuchBucket", error.ErrorCode);
    }

    private Task PutNotificationsAsync(List<QueueConfiguration> configurations) =>
        _s3.PutBucketNotificationAsync(new PutBucketNotificationRequest { BucketName = Bucket, QueueConfigurations = configurations });

    private static QueueConfiguration Notification(string code, string queueArn, string suffix = ".json") => new()
    {
        Id = $"changemgmt-{code}",
        Queue = queueArn,
        Events = [EventType.ObjectCreatedAll],
        Filter = new Filter
        {
            S3KeyFilter = new S3KeyFilter
            {
                FilterRules = [new FilterRule("prefix", StorageLayout.CustomerPrefix(code)), new FilterRule("suffix", suffix)],
            },
        },
    };

    private async Task<string> QueueArnAsync(string name)
    {
        var url = (await _sqs.CreateQueueAsync(name)).QueueUrl;
        return (await _sqs.GetQueueAttributesAsync(url, ["QueueArn"])).Attributes!["QueueArn"];
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
