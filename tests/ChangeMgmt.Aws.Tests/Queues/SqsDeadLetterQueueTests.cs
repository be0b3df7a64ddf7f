using Amazon.SQS;
using ChangeMgmt.Aws.Queues;
using ChangeMgmt.Aws.Tests.Credentials;
using ChangeMgmt.Aws.Tests.Support;
using ChangeMgmt.Core.Configuration;
using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Aws.Tests.Queues;

/// <summary>
/// The customer queue's dead-letter queue as its RedrivePolicy names it: the receive limit, the messages SQS
/// moved there (read, left in place), moving them back; and deferring a message without using a receive.
/// </summary>
[Collection(MotoCollection.Name)]
public sealed class SqsDeadLetterQueueTests(MotoServer moto) : IAsyncLifetime
{
    private const int MaxReceives = 2;
    private AmazonSQSClient _sqs = null!;
    private string _acmeUrl = null!;
    private string _dlqUrl = null!;
    private ChangeMgmtConfig _config = null!;

    public async Task InitializeAsync()
    {
        await moto.ResetAsync();
        _sqs = SqsChangeQueue.CreateClient(MotoSettings.For(moto), MotoSettings.Region);
        // Not named "{queue}-dlq": the adapter must read the name from the policy.
        _dlqUrl = (await _sqs.CreateQueueAsync("acme-undeliverable")).QueueUrl;
        var dlqArn = (await _sqs.GetQueueAttributesAsync(_dlqUrl, ["QueueArn"])).Attributes!["QueueArn"];
        _acmeUrl = (await _sqs.CreateQueueAsync(new Amazon.SQS.Model.CreateQueueRequest
        {
            QueueName = "changemgmt-acme",
            Attributes = new() { ["RedrivePolicy"] = $$"""{"deadLetterTargetArn":"{{dlqArn}}","maxReceiveCount":"{{MaxReceives}}"}""" },
        })).QueueUrl;
        var globexUrl = (await _sqs.CreateQueueAsync("changemgmt-globex")).QueueUrl;
        _config = new ChangeMgmtConfig
        {
            CustomerMappings = new(StringComparer.Ordinal)
            {
                ["acme"] = new CustomerConfig { CustomerCode = "acme", SqsQueueArn = await ArnAsync(_acmeUrl) },
                ["globex"] = new CustomerConfig { CustomerCode = "globex", SqsQueueArn = await ArnAsync(globexUrl) },
            },
        };
    }

    public Task DisposeAsync()
    {
        _sqs.Dispose();
        return Task.CompletedTask;
    }

    private async Task<string> ArnAsync(string url) => (await _sqs.GetQueueAttributesAsync(url, ["QueueArn"])).Attributes!["QueueArn"];

    private SqsChangeQueue Queue() => new(MotoSettings.For(moto), _config);

    [Fact]
    public async Task The_receive_limit_is_the_redrive_policys_and_a_queue_without_one_has_none()
    {
        using var queue = Queue();

        Assert.Equal(MaxReceives, await queue.MaxReceivesAsync("acme", default));
        Assert.Null(await queue.MaxReceivesAsync("globex", default));
        Assert.Empty(await queue.ListDeadLetteredAsync("globex", default));
    }

    [Fact]
    public async Task A_message_past_its_receives_is_listed_from_the_dead_letter_queue_left_there_and_redriven_to_the_queue()
    {
        using var queue = Queue();
        const string Body = """{"Records":[{"eventName":"ObjectCreated:Put","s3":{"bucket":{"name":"b"},"object":{"key":"customers/acme/CHG-20261130-ABCDEF.json"}}}]}""";
        await _sqs.SendMessageAsync(_acmeUrl, Body);
        for (var receive = 1; receive <= MaxReceives; receive++)
        {
            var message = Assert.Single(await queue.ReceiveAsync("acme", 10, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(5), default));
            Assert.Equal(receive, message.ReceiveCount);
            await queue.ExtendVisibilityAsync(message, TimeSpan.Zero, default);
        }
        Assert.Empty(await queue.ReceiveAsync("acme", 10, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(1), default));

        var listed = Assert.Single(await queue.ListDeadLetteredAsync("acme", default));
        Assert.Equal(("acme", Body), (listed.CustomerCode, listed.Body));
        Assert.Contains("acme-undeliverable", listed.Reason, StringComparison.Ordinal);
        Assert.Single(await queue.ListDeadLetteredAsync("acme", default));

        var moved = Assert.Single(await queue.RedriveAsync("acme", default));

        Assert.Equal(Body, moved.Body);
        Assert.Empty(await queue.ListDeadLetteredAsync("acme", default));
        var back = Assert.Single(await queue.ReceiveAsync("acme", 10, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(5), default));
        Assert.Equal((Body, 1), (back.Body, back.ReceiveCount));
    }

    [Fact]
    public async Task A_deferred_message_comes_back_after_its_delay_without_the_receive_it_used()
    {
        using var queue = Queue();
        await _sqs.SendMessageAsync(_acmeUrl, "waiting");
        var first = Assert.Single(await queue.ReceiveAsync("acme", 10, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(5), default));

        await queue.DeferAsync(first, TimeSpan.FromSeconds(1), default);

        var again = Assert.Single(await queue.ReceiveAsync("acme", 10, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(10), default));
        Assert.Equal(("waiting", 1), (again.Body, again.ReceiveCount));
        Assert.Empty(await queue.ListDeadLetteredAsync("acme", default));
    }

    [Fact]
    public async Task Previews_hold_no_message_and_never_push_one_to_the_dead_letter_queue()
    {
        using var queue = Queue();
        await _sqs.SendMessageAsync(_acmeUrl, "waiting");

        for (var preview = 1; preview <= 10; preview++)
            Assert.Equal("waiting", Assert.Single(await queue.PeekAsync("acme", 100, default)).Body);

        Assert.Empty(await queue.ListDeadLetteredAsync("acme", default));
        var real = Assert.Single(await queue.ReceiveAsync("acme", 10, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(1), default));
        Assert.Equal("waiting", real.Body);
        Assert.True(real.ReceiveCount <= MaxReceives, $"receive {real.ReceiveCount} of {MaxReceives}");
    }
}
