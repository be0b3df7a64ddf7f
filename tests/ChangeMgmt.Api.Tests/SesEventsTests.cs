using System.Text.Json.Nodes;
using ChangeMgmt.Core.Delivery;
using ChangeMgmt.Core.Feedback;
using ChangeMgmt.Core.Ports;
using ChangeMgmt.Testing;

namespace ChangeMgmt.Api.Tests;

/// <summary>
/// <c>POST /events</c> with a batch mixing a customer queue's message and records from the MSP's <c>changemgmt-ses-events</c>
/// queue: SES events set the delivery outcomes, junk is a dead letter listed by the API, an early event is retried.
/// </summary>
public sealed class SesEventsTests
{
    private const string SesEventsQueueArn = "arn:aws:sqs:us-east-1:100000000000:changemgmt-ses-events";

    [Fact]
    public async Task A_batch_of_ses_events_sets_outcomes_dead_letters_junk_and_retries_what_is_not_sent_yet()
    {
        await using var host = await ApiHost.TryStartAsync() ?? throw new InvalidOperationException("The server refused to start.");
        var id = await host.CreateAsync(Changes.Complete("Feedback", "acme"));
        await host.PostJsonAsync($"/api/changes/{id}/submit", null);
        await host.Get<QueueWorker>().DrainAsync("acme", DeliveryOptions.Send, default);
        var ledger = host.Get<IDeliveryLedger>();
        var sent = await ledger.ListAsync(id, "acme", default);
        Assert.True(sent.Count >= 2, $"{sent.Count} recipient(s): the test needs two");
        var (first, second) = (sent[0], sent[1]);
        var notYetSent = first.Key with { Recipient = "late@acme.example" };

        var answer = await host.PostJsonAsync("/events", new JsonObject
        {
            ["Records"] = new JsonArray(
                Record("e-delivery", SesSamples.EventBridge(SesSamples.About(SesSamples.Delivery, first.Key, first.MessageId!))),
                Record("e-complaint", SesSamples.Sns(SesSamples.About(SesSamples.Complaint, first.Key, first.MessageId!))),
                Record("e-bounce", SesSamples.Sns(SesSamples.About(SesSamples.PermanentBounce, second.Key, second.MessageId!))),
                Record("e-early", SesSamples.EventBridge(SesSamples.About(SesSamples.Send, notYetSent, "ses-early"))),
                Record("e-junk", """{"hello":"world"}"""),
                Record("c-test", """{"Event":"s3:TestEvent"}""", "arn:aws:sqs:us-east-1:100000000000:changemgmt-acme")),
        });

        Assert.Equal(["e-early"], answer["batchItemFailures"]!.AsArray().Select(f => (string)f!["itemIdentifier"]!));
        var outcomes = await ledger.ListAsync(id, "acme", default);
        Assert.Equal(RecipientOutcome.Complained, outcomes.Single(r => r.Key == first.Key).Outcome);
        Assert.Equal(RecipientOutcome.BouncedPermanent, outcomes.Single(r => r.Key == second.Key).Outcome);
        Assert.All(outcomes.Skip(2), r => Assert.Null(r.Outcome));
        var letter = Assert.Single((await host.GetJsonAsync("/api/dead-letters"))["items"]!.AsArray());
        Assert.Equal(("e-junk", DeadLetters.SesEventsCustomer), ((string)letter!["messageId"]!, (string)letter["customerCode"]!));
        Assert.StartsWith($"The queue {SesEventsQueueArn} is not the sqs_queue_arn of any configured customer, and the message is not an SES event: ", (string)letter["reason"]!, StringComparison.Ordinal);
    }

    private static JsonObject Record(string messageId, string body, string queueArn = SesEventsQueueArn) => new()
    {
        ["messageId"] = messageId, ["receiptHandle"] = $"h-{messageId}", ["body"] = body, ["eventSource"] = "aws:sqs",
        ["eventSourceARN"] = queueArn, ["awsRegion"] = "us-east-1",
        ["attributes"] = new JsonObject { ["ApproximateReceiveCount"] = "1" },
    };
}
