using System.Diagnostics;
using Amazon.SQS;
using Amazon.SQS.Model;
using ChangeMgmt.Aws.Queues;
using ChangeMgmt.Aws.Tests.Credentials;
using ChangeMgmt.Aws.Tests.Support;
using ChangeMgmt.Core.Configuration;

namespace ChangeMgmt.Aws.Tests.Queues;

[Collection(MotoCollection.Name)]
public sealed class SqsChangeQueueTests(MotoServer moto) : IAsyncLifetime
{
    private AmazonSQSClient _sqs = null!;
    private string _acmeUrl = null!;
    private ChangeMgmtConfig _config = null!;

    public async Task InitializeAsync()
    {
        await moto.ResetAsync();
        _sqs = SqsChangeQueue.CreateClient(MotoSettings.For(moto), MotoSettings.Region);
        _acmeUrl = (await _sqs.CreateQueueAsync("changemgmt-acme")).QueueUrl;
        var arn = (await _sqs.GetQueueAttributesAsync(_acmeUrl, ["QueueArn"])).Attributes!["QueueArn"];
        _config = new ChangeMgmtConfig
        {
            CustomerMappings = new(StringComparer.Ordinal)
            {
                ["acme"] = new CustomerConfig { CustomerCode = "acme", SqsQueueArn = arn },
                ["globex"] = new CustomerConfig { CustomerCode = "globex" },
                ["initech"] = new CustomerConfig { CustomerCode = "initech", SqsQueueArn = "not-an-arn" },
            },
        };
    }

    public Task DisposeAsync()
    {
        _sqs.Dispose();
        return Task.CompletedTask;
    }

    private SqsChangeQueue Queue(Func<int, TimeSpan>? retryDelay = null) =>
        new(MotoSettings.For(moto), _config) { RetryDelay = retryDelay ?? ChangeMgmt.Core.Delivery.RedeliveryDelay.After };

    [Fact]
    public async Task The_queue_url_comes_from_the_customers_queue_arn()
    {
        using var queue = Queue();

        Assert.Equal(_acmeUrl, await queue.QueueUrlAsync("acme", default));
    }

    [Fact]
    public async Task A_sent_message_arrives_on_the_customers_queue_with_a_fresh_receive_count()
    {
        using var queue = Queue();

        var id = await queue.SendAsync("acme", """{"s3_key":"customers/acme/CHG-1.json"}""", default);

        var message = Assert.Single(await queue.ReceiveAsync("acme", 10, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(5), default));
        Assert.Equal((id, """{"s3_key":"customers/acme/CHG-1.json"}""", 1), (message.MessageId, message.Body, message.ReceiveCount));
    }

    [Fact]
    public async Task A_received_message_carries_customer_body_and_receive_count_and_is_gone_once_deleted()
    {
        using var queue = Queue();
        await _sqs.SendMessageAsync(_acmeUrl, """{"Event":"s3:TestEvent"}""");

        var message = Assert.Single(await queue.ReceiveAsync("acme", 10, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(5), default));
        await queue.DeleteAsync(message, default);

        Assert.Equal("acme", message.CustomerCode);
        Assert.Equal("""{"Event":"s3:TestEvent"}""", message.Body);
        Assert.Equal(1, message.ReceiveCount);
        Assert.False(string.IsNullOrEmpty(message.ReceiptHandle));
        Assert.Empty(await queue.ReceiveAsync("acme", 10, TimeSpan.FromSeconds(30), TimeSpan.Zero, default));
        var counts = (await _sqs.GetQueueAttributesAsync(_acmeUrl, ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"])).Attributes!;
        Assert.Equal("0", counts["ApproximateNumberOfMessages"]);
        Assert.Equal("0", counts["ApproximateNumberOfMessagesNotVisible"]);
    }

    [Fact]
    public async Task At_most_ten_messages_come_back_at_once()
    {
        using var queue = Queue();
        for (var i = 0; i < 12; i++)
            await _sqs.SendMessageAsync(_acmeUrl, $"{{\"n\":{i}}}");

        var batch = await queue.ReceiveAsync("acme", 50, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(1), default);

        Assert.InRange(batch.Count, 1, 10);
    }

    [Fact]
    public async Task A_released_message_comes_back_after_its_backoff_with_receive_count_two()
    {
        var asked = new List<int>();
        using var queue = Queue(count => { asked.Add(count); return TimeSpan.FromSeconds(1); });
        await _sqs.SendMessageAsync(_acmeUrl, "{}");
        var first = Assert.Single(await queue.ReceiveAsync("acme", 1, TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(5), default));

        var clock = Stopwatch.StartNew();
        await queue.ReleaseAsync(first, "SES throttled", default);
        var again = Assert.Single(await queue.ReceiveAsync("acme", 1, TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(10), default));

        Assert.Equal([1], asked);
        Assert.Equal(first.MessageId, again.MessageId);
        Assert.Equal(2, again.ReceiveCount);
        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(9));
    }

    [Fact]
    public async Task Extending_visibility_keeps_the_message_hidden_past_its_first_timeout()
    {
        using var queue = Queue();
        await _sqs.SendMessageAsync(_acmeUrl, "{}");
        var message = Assert.Single(await queue.ReceiveAsync("acme", 1, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5), default));

        await queue.ExtendVisibilityAsync(message, TimeSpan.FromSeconds(60), default);

        Assert.Empty(await queue.ReceiveAsync("acme", 1, TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(2), default));
    }

    [Fact]
    public async Task Settling_a_message_that_is_already_deleted_is_not_an_error()
    {
        using var queue = Queue();
        await _sqs.SendMessageAsync(_acmeUrl, "{}");
        var message = Assert.Single(await queue.ReceiveAsync("acme", 1, TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(5), default));
        await queue.DeleteAsync(message, default);

        await queue.ReleaseAsync(message, "late failure", default);
        await queue.ExtendVisibilityAsync(message, TimeSpan.FromSeconds(60), default);
        await queue.DeleteAsync(message, default);
    }

    [Theory]
    [InlineData("ReceiptHandleIsInvalid", "The input receipt handle is invalid.", true)]
    [InlineData("AWS.SimpleQueueService.MessageNotInflight", "not in flight", true)]
    [InlineData("InvalidParameterValue", "Value x for parameter ReceiptHandle is invalid. Reason: Message does not exist.", true)]
    [InlineData("InvalidParameterValue", "Value 99999 for parameter VisibilityTimeout is invalid.", false)]
    [InlineData("AccessDenied", "no", false)]
    public void Stale_receipts_are_recognised_by_code(string code, string message, bool stale)
    {
        var error = AwsErrors.Create(code, System.Net.HttpStatusCode.BadRequest, message, "acme", null);
        Assert.Equal(stale, SqsChangeQueue.IsStaleReceipt(error));
    }

    [Fact]
    public void The_default_backoff_doubles_from_one_second_up_to_five_minutes()
    {
        Assert.Equal(
            [1, 1, 2, 4, 8, 16, 32, 64, 128, 256, 300, 300],
            new[] { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 50 }.Select(n => ChangeMgmt.Core.Delivery.RedeliveryDelay.After(n).TotalSeconds));
    }

    [Fact]
    public async Task A_customer_without_a_queue_arn_or_with_a_bad_one_is_a_configuration_error()
    {
        using var queue = Queue();

        var missing = await Assert.ThrowsAsync<ConfigException>(() => queue.ReceiveAsync("globex", 1, TimeSpan.FromSeconds(30), TimeSpan.Zero, default));
        var bad = await Assert.ThrowsAsync<ConfigException>(() => queue.ReceiveAsync("initech", 1, TimeSpan.FromSeconds(30), TimeSpan.Zero, default));
        await Assert.ThrowsAsync<UnknownCustomerException>(() => queue.ReceiveAsync("nobody", 1, TimeSpan.FromSeconds(30), TimeSpan.Zero, default));

        Assert.Equal("customer_mappings.globex.sqs_queue_arn", Assert.Single(missing.Problems).Path);
        Assert.Contains("globex", missing.Message, StringComparison.Ordinal);
        Assert.Contains("not-an-arn", bad.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_queue_that_does_not_exist_is_a_typed_not_found_error_naming_the_customer()
    {
        var config = _config with
        {
            CustomerMappings = new(StringComparer.Ordinal)
            {
                ["acme"] = new CustomerConfig { CustomerCode = "acme", SqsQueueArn = "arn:aws:sqs:us-east-1:123456789012:changemgmt-gone" },
            },
        };
        using var queue = new SqsChangeQueue(MotoSettings.For(moto), config);

        var error = await Assert.ThrowsAsync<Core.Errors.ServiceException>(() => queue.ReceiveAsync("acme", 1, TimeSpan.FromSeconds(30), TimeSpan.Zero, default));

        Assert.Equal(Core.Errors.ServiceErrorKind.NotFound, error.Kind);
        Assert.Equal("acme", error.CustomerCode);
        // Who, which call, what AWS said, and what to do.
        Assert.StartsWith("acme: GetQueueUrl: ", error.Message, StringComparison.Ordinal);
        Assert.Contains("Fix: check that it exists in that account and region", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Queue_arns_parse_into_region_account_and_name()
    {
        Assert.True(SqsQueueArn.TryParse("arn:aws:sqs:eu-west-1:123456789012:changemgmt-acme", out var arn));
        Assert.Equal(new SqsQueueArn("aws", "eu-west-1", "123456789012", "changemgmt-acme"), arn);
        Assert.False(SqsQueueArn.TryParse("arn:aws:sns:eu-west-1:123456789012:topic", out _));
        Assert.False(SqsQueueArn.TryParse("arn:aws:sqs:eu-west-1::name", out _));
        Assert.False(SqsQueueArn.TryParse(null, out _));
    }
}
