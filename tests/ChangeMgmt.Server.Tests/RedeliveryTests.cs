using System.Net;
using System.Text.Json.Nodes;
using ChangeMgmt.Local;

namespace ChangeMgmt.Server.Tests;

/// <summary>At-least-once upstream, effectively once out: redelivered, duplicated and poison messages.</summary>
public sealed class RedeliveryTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    internal const string AcmeQueueArn = "arn:aws:sqs:us-east-1:100000000000:changemgmt-acme";
    private const string GlobexQueueArn = "arn:aws:sqs:us-east-1:100000000000:changemgmt-globex";
    private readonly LocalServer server = fixture.Server;

    [Fact]
    public async Task The_same_message_again_and_twice_at_once_sends_nothing_more()
    {
        var id = await SubmittedChangeAsync("acme");
        var before = await server.EventuallyAsync(() => Outbox.ReadAsync(server, changeId: id), m => m.Count == 2, "the first two emails");
        await WaitRecordedAsync(id, sent: 2);

        var again = await PostEventsAsync(Record("m-1", AcmeQueueArn, S3Event("acme", id)));
        Assert.Empty(again["batchItemFailures"]!.AsArray());
        var concurrent = await Task.WhenAll(
            PostEventsAsync(Record("m-2", AcmeQueueArn, S3Event("acme", id))),
            PostEventsAsync(Record("m-3", AcmeQueueArn, S3Event("acme", id)), Record("m-4", AcmeQueueArn, Legacy("acme", id))));
        Assert.All(concurrent, r => Assert.Empty(r["batchItemFailures"]!.AsArray()));

        var after = await Outbox.ReadAsync(server, changeId: id);
        Assert.Equal(before.Select(m => m.To).Order(), after.Select(m => m.To).Order());
    }

    [Fact]
    public async Task A_message_for_another_customer_or_malformed_is_dead_lettered_and_the_rest_processed()
    {
        var id = await SubmittedChangeAsync("globex");
        await server.EventuallyAsync(() => Outbox.ReadAsync(server, changeId: id), m => m.Count == 1, "hal's approval request");
        await WaitRecordedAsync(id, sent: 1);

        var response = await PostEventsAsync(
            Record("bad-json", GlobexQueueArn, "{not json"),
            Record("wrong-queue", AcmeQueueArn, S3Event("globex", id)),
            Record("test-event", GlobexQueueArn, """{"Service":"Amazon S3","Event":"s3:TestEvent","Bucket":"b"}"""),
            Record("fine", GlobexQueueArn, S3Event("globex", id)));

        Assert.Empty(response["batchItemFailures"]!.AsArray());
        var letters = (await server.GetJsonAsync("/api/dead-letters"))["items"]!.AsArray();
        Assert.Contains("not JSON", Reason(letters, "bad-json"));
        Assert.Contains("came from the queue of 'acme'", Reason(letters, "wrong-queue"));
        Assert.DoesNotContain(letters, l => (string)l!["messageId"]! is "test-event" or "fine");
        Assert.Single(await Outbox.ReadAsync(server, changeId: id));
    }

    [Fact]
    public async Task A_poison_message_in_a_queue_is_dead_lettered_with_its_reason_and_later_messages_still_flow()
    {
        using (var adapters = new LocalAdapters(server.DataDirectory, "msp-change-metadata-example"))
            await adapters.Queue.SendAsync("umbrella", """{"Records":[{"eventName":"ObjectCreated:Put","s3":{"bucket":{"name":"b"},"object":{"key":"archive/not-a-trigger.json"}}}]}""", CancellationToken.None);

        var id = await SubmittedChangeAsync("umbrella");

        var letters = await server.EventuallyAsync(() => server.GetJsonAsync("/api/dead-letters?customer=umbrella"),
            l => l["items"]!.AsArray().Count == 1, "the poison message dead-lettered");
        Assert.Contains("archive/not-a-trigger.json", (string)letters["items"]![0]!["reason"]!);
        var mails = await server.EventuallyAsync(() => Outbox.ReadAsync(server, changeId: id), m => m.Count == 1, "uma's approval request");
        Assert.Equal("uma@umbrella.example", mails[0].To);
    }

    /// <summary>An email reaches the outbox a moment before the worker records it; redeliver only after that.</summary>
    private Task WaitRecordedAsync(string changeId, int sent) =>
        server.EventuallyAsync(() => server.GetJsonAsync($"/api/changes/{changeId}/deliveries"),
            d => d["items"]!.AsArray().Count(i => (string)i!["state"]! == "sent") == sent, $"{sent} deliveries recorded as sent");

    private async Task<string> SubmittedChangeAsync(string customer)
    {
        var id = (string)(await server.PostJsonAsync("/api/changes", ChangeRequests.For(customer), HttpStatusCode.Created))["changeId"]!;
        await server.PostJsonAsync($"/api/changes/{id}/submit", null);
        return id;
    }

    private Task<JsonNode> PostEventsAsync(params JsonObject[] records) =>
        server.PostJsonAsync("/events", new JsonObject { ["Records"] = new JsonArray(records) });

    private static string Reason(JsonArray letters, string messageId) =>
        (string)letters.Single(l => (string)l!["messageId"]! == messageId)!["reason"]!;

    /// <summary>One record of the SQS event Lambda posts to /events.</summary>
    internal static JsonObject Record(string messageId, string queueArn, string body) => new()
    {
        ["messageId"] = messageId,
        ["receiptHandle"] = "handle-" + messageId,
        ["body"] = body,
        ["attributes"] = new JsonObject { ["ApproximateReceiveCount"] = "1" },
        ["eventSource"] = "aws:sqs",
        ["eventSourceARN"] = queueArn,
        ["awsRegion"] = "us-east-1",
    };

    /// <summary>The S3 event notification a customer's trigger object sends to its queue.</summary>
    internal static string S3Event(string customer, string changeId) => new JsonObject
    {
        ["Records"] = new JsonArray(new JsonObject
        {
            ["eventSource"] = "aws:s3",
            ["eventName"] = "ObjectCreated:Put",
            ["eventTime"] = "2026-11-30T14:20:46.311Z",
            ["s3"] = new JsonObject
            {
                ["bucket"] = new JsonObject { ["name"] = "msp-change-metadata-example" },
                ["object"] = new JsonObject { ["key"] = $"customers/{customer}/{changeId}.json" },
            },
        }),
    }.ToJsonString();

    private static string Legacy(string customer, string changeId) => new JsonObject
    {
        ["message_id"] = Guid.NewGuid().ToString(),
        ["customer_code"] = customer,
        ["s3_bucket"] = "msp-change-metadata-example",
        ["s3_key"] = $"customers/{customer}/{changeId}.json",
        ["event_time"] = "2026-11-30T14:20:46Z",
        ["metadata"] = new JsonObject(),
    }.ToJsonString();
}
