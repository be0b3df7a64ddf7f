using System.Text.Json;
using ChangeMgmt.Core.Administration;
using ChangeMgmt.Core.Configuration;
using ChangeMgmt.Core.Messages;
using ChangeMgmt.Core.Ports;
using ChangeMgmt.Local;
using ChangeMgmt.Tests.Ports;

namespace ChangeMgmt.Tests.Local;

/// <summary>The rules LocalBucketNotifications reports are what LocalObjectStore really does with a write.</summary>
public sealed class LocalBucketNotificationsTests : IDisposable
{
    private const string ChangeId = "CHG-20261130-7Q2K9D";
    private static readonly CancellationToken Ct = CancellationToken.None;

    private static readonly ChangeMgmtConfig Config =
        ConfigLoader.Load(Path.Combine(SharedFixtures.RepositoryRoot(), "examples", "config.json")).Config;

    private readonly LocalFixture _fixture = new();
    private readonly LocalBucketNotifications _notifications = new(Config, LocalFixture.Bucket);

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public async Task A_key_written_to_each_rules_prefix_and_suffix_reaches_that_customers_queue_only()
    {
        var rules = await _notifications.GetQueueNotificationsAsync(Ct);

        Assert.Equal(Config.Customers.Select(c => c.CustomerCode).Order(), rules.Select(r => CustomerOf(r).CustomerCode).Order());
        foreach (var rule in rules)
        {
            var code = CustomerOf(rule).CustomerCode;
            var key = $"{rule.Prefix}{ChangeId}{rule.Suffix}";
            await _fixture.Adapters.Objects.PutAsync(key, "{}"u8.ToArray(), WriteCondition.None, Ct);

            var message = Assert.Single(await _fixture.Adapters.Queue.ReceiveAsync(code, 10, TimeSpan.FromMinutes(1), TimeSpan.Zero, Ct));
            await _fixture.Adapters.Queue.DeleteAsync(message, Ct);
            var trigger = Assert.Single(Assert.IsType<ParsedMessage.Triggers>(ChangeMessageParser.Parse(message.Body)).Items);
            Assert.Equal((code, ChangeId, LocalFixture.Bucket, key), (trigger.CustomerCode, trigger.ChangeId, trigger.Bucket, trigger.Key));
            Assert.Equal(new[] { $"s3:{EventNameOf(message.Body)}" }, rule.Events);
            Assert.Empty(await _fixture.Adapters.Queue.CountAllAsync(Ct));
        }
    }

    [Theory]
    [InlineData(".txt")]
    [InlineData(".JSON")]
    [InlineData("")]
    public async Task A_key_under_a_rules_prefix_without_its_suffix_reaches_no_queue(string ending)
    {
        foreach (var rule in await _notifications.GetQueueNotificationsAsync(Ct))
            await _fixture.Adapters.Objects.PutAsync($"{rule.Prefix}{ChangeId}{ending}", [1], WriteCondition.None, Ct);

        Assert.Empty(await _fixture.Adapters.Queue.CountAllAsync(Ct));
    }

    [Fact]
    public async Task The_check_reports_every_configured_customer_in_sync_locally()
    {
        var results = await S3EventCheck.RunAsync(Config, _notifications, Config.Customers, Ct);

        Assert.Equal(Config.Customers.Select(c => c.CustomerCode), results.Select(r => r.CustomerCode));
        Assert.All(results, r =>
        {
            Assert.Equal(S3EventStatus.InSync, r.Status);
            Assert.Equal(LocalFixture.Bucket, r.BucketName);
        });
    }

    /// <summary>Where the rules under-describe local routing: S3 with these rules would notify no queue here.</summary>
    [Fact]
    public async Task Locally_a_trigger_under_an_unconfigured_code_is_still_enqueued_under_that_code()
    {
        await _fixture.Adapters.Objects.PutAsync($"customers/hooli/{ChangeId}.json", [1], WriteCondition.None, Ct);

        Assert.DoesNotContain(await _notifications.GetQueueNotificationsAsync(Ct), r => r.Prefix == "customers/hooli/");
        Assert.Equal("hooli", Assert.Single(await _fixture.Adapters.Queue.CountAllAsync(Ct)).CustomerCode);
    }

    private static CustomerConfig CustomerOf(QueueNotificationRule rule) =>
        Config.FindCustomerByQueueArn(rule.QueueArn) ?? throw new InvalidOperationException($"No customer has the queue {rule.QueueArn}.");

    private static string EventNameOf(string body)
    {
        using var document = JsonDocument.Parse(body);
        return document.RootElement.GetProperty("Records")[0].GetProperty("eventName").GetString()!;
    }
}
