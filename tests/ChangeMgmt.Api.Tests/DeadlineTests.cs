using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ChangeMgmt.Core.Messages;
using ChangeMgmt.Core.Ports;
using ChangeMgmt.Lambda.Endpoints;
using ChangeMgmt.Local;

namespace ChangeMgmt.Api.Tests;

/// <summary>
/// The Lambda Web Adapter's invocation context (<c>x-amzn-lambda-context</c>) on <c>POST /events</c>: the delivery
/// stops claiming <c>--deadline-margin</c> before the deadline and continues in a new message on the same queue.
/// </summary>
public sealed class DeadlineTests
{
    private const string AcmeQueueArn = "arn:aws:sqs:us-east-1:100000000000:changemgmt-acme";

    /// <summary>As the adapter writes it: the Rust runtime's Context, deadline in milliseconds since the epoch.</summary>
    private static string Context(DateTimeOffset deadline) => new JsonObject
    {
        ["request_id"] = Guid.NewGuid().ToString(),
        ["deadline"] = deadline.ToUnixTimeMilliseconds(),
        ["invoked_function_arn"] = "arn:aws:lambda:us-east-1:100000000000:function:changemgmt-delivery",
        ["xray_trace_id"] = "Root=1-5759e988-bd862e3fe1be46a994272793",
        ["client_context"] = null,
        ["identity"] = null,
        ["env_config"] = new JsonObject { ["function_name"] = "changemgmt-delivery", ["memory"] = 512, ["version"] = "$LATEST" },
    }.ToJsonString();

    [Fact]
    public void The_adapters_header_gives_the_deadline()
    {
        var at = new DateTimeOffset(2026, 12, 6, 11, 30, 0, 250, TimeSpan.Zero);

        var parsed = Assert.IsType<LambdaContextHeader.Result.Deadline>(LambdaContextHeader.Parse(Context(at)));

        Assert.Equal(at, parsed.At);
        Assert.NotNull(parsed.RequestId);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void Without_the_header_there_is_no_deadline(string? header) =>
        Assert.IsType<LambdaContextHeader.Result.Absent>(LambdaContextHeader.Parse(header));

    [Theory]
    [InlineData("{not json", "not JSON")]
    [InlineData("[1765020600000]", "not an object")]
    [InlineData("""{"request_id":"r-1"}""", "no deadline")]
    [InlineData("""{"deadline":"1765020600000"}""", "no deadline")]
    [InlineData("""{"deadline":0}""", "no deadline")]
    [InlineData("""{"deadline":-5}""", "no deadline")]
    [InlineData("""{"deadline":1.5}""", "no deadline")]
    [InlineData("""{"deadline_ms":1765020600000}""", "no deadline")]
    public void A_malformed_header_is_named_with_what_is_wrong(string header, string reason)
    {
        var malformed = Assert.IsType<LambdaContextHeader.Result.Malformed>(LambdaContextHeader.Parse(header));
        Assert.Contains(reason, malformed.Reason);
        Assert.Contains(LambdaContextHeader.Name, malformed.Reason);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("ten")]
    [InlineData("601")]
    public async Task The_margin_must_be_a_number_of_seconds_from_1_to_600(string value)
    {
        Assert.Null(await ApiHost.TryStartAsync(extraArgs: ["--deadline-margin", value]));
    }

    /// <summary>
    /// 30 subscribers at 5 sends a second, each invocation stopping 2.5 s after it starts: several invocations,
    /// each acknowledged (nothing in batchItemFailures), /status "sending n of 30" between them, and in the end
    /// every subscriber has the approval request exactly once.
    /// </summary>
    [Fact]
    public async Task A_batch_cut_short_by_the_deadline_continues_until_every_recipient_has_it_once()
    {
        const int Subscribers = 30;
        var margin = TimeSpan.FromSeconds(1);
        await using var host = await ApiHost.TryStartAsync(extraArgs: ["--function", "all", "--deadline-margin", "1"])
            ?? throw new InvalidOperationException("The server refused to start.");
        await SubscribersAsync(host.Get<LocalAdapters>(), Subscribers);
        var id = await host.CreateAsync(Changes.Complete("A long list", "acme"));
        await host.PostJsonAsync($"/api/changes/{id}/submit", null);
        var queue = host.Get<IChangeQueue>();

        var invocations = 0;
        var progress = new List<(string State, int Sent, int Total)>();
        while (await queue.ReceiveAsync("acme", 10, TimeSpan.FromMinutes(5), TimeSpan.Zero, default) is { Count: > 0 } messages)
        {
            Assert.True(++invocations <= 10, "The list should need a few invocations, not more than ten.");
            var answer = await PostEventsAsync(host, messages, DateTimeOffset.UtcNow + margin + TimeSpan.FromSeconds(2.5));
            Assert.Empty(answer["batchItemFailures"]!.AsArray());
            var acme = (await host.GetJsonAsync($"/api/changes/{id}/status"))["items"]!.AsArray().Single(i => (string)i!["customer"]! == "acme")!;
            progress.Add(((string)acme["state"]!, (int)acme["sent"]!, (int)acme["total"]!));
        }

        Assert.True(invocations >= 2, $"One invocation sent everything ({invocations}); the deadline was not used.");
        Assert.All(progress[..^1], p => Assert.Equal(("sending", Subscribers), (p.State, p.Total)));
        Assert.True(progress[..^1].Select(p => p.Sent).SequenceEqual(progress[..^1].Select(p => p.Sent).Order()) && progress[0].Sent > 0);
        Assert.Equal(("sent", Subscribers, Subscribers), progress[^1]);
        var outbox = host.Get<LocalOutbox>();
        Assert.Equal(Subscribers, await outbox.CountAsync("acme", null, default));
        Assert.Equal(Subscribers, await outbox.CountDistinctRecipientsAsync(default));
        var ledger = await host.Get<IDeliveryLedger>().ListAsync(id, "acme", default);
        Assert.Equal(Subscribers, ledger.Count);
        Assert.All(ledger, r => Assert.Equal((DeliveryState.Sent, 1), (r.State, r.Attempts)));
    }

    private static async Task<JsonNode> PostEventsAsync(ApiHost host, IReadOnlyList<QueuedMessage> messages, DateTimeOffset deadline)
    {
        var batch = new SqsEvent([.. messages.Select(m => new SqsRecord
        {
            MessageId = m.MessageId, ReceiptHandle = m.ReceiptHandle, Body = m.Body, EventSource = "aws:sqs", EventSourceArn = AcmeQueueArn, AwsRegion = "us-east-1",
        })]);
        using var response = await host.SendAsync(HttpMethod.Post, "/events", batch, (LambdaContextHeader.Name, Context(deadline)));
        return await ApiHost.ReadAsync(response, HttpStatusCode.OK);
    }

    /// <summary>Only these subscribers of approvals in acme's account, which takes five sends a second.</summary>
    private static async Task SubscribersAsync(LocalAdapters adapters, int count)
    {
        var account = adapters.SesAccounts.ForCustomer("acme");
        var list = (await account.ListContactListsAsync(null, default)).Items.Single().ContactListName;
        foreach (var contact in (await account.ListContactsAsync(list, null, 1000, null, default)).Items)
            await account.DeleteContactAsync(list, contact.EmailAddress, default);
        for (var i = 0; i < count; i++)
            await account.CreateContactAsync(list, new SesContact($"reader{i:D2}@acme.example", [new TopicPreference("aws-approval", SubscriptionStatus.OptIn)]), default);
        await account.SetMaxSendRateAsync(5, default);
    }
}
