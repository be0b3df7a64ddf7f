using System.Text.Json.Nodes;
using ChangeMgmt.Core.Delivery;
using ChangeMgmt.Core.Feedback;
using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Api.Tests;

/// <summary>
/// SES's word on each email, as people read it: /status per customer (delivered, bounced, complained, pending and the
/// failing recipients), /deliveries per email, the undelivered filter of the list, and /api/reputation.
/// </summary>
public sealed class FeedbackStatusTests : IAsyncLifetime
{
    private ApiHost host = null!;

    public async Task InitializeAsync()
    {
        host = await ApiHost.TryStartAsync() ?? throw new InvalidOperationException("The server refused to start.");
        var acme = host.Get<ISesAccountProvider>().ForCustomer("acme");
        var list = (await acme.ListContactListsAsync(null, default)).Items.Single().ContactListName;
        await acme.CreateContactAsync(list, new SesContact("third@acme.example", [new TopicPreference("aws-approval", SubscriptionStatus.OptIn)], false), default);
    }

    public async Task DisposeAsync() => await host.DisposeAsync();

    /// <summary>The change submitted and its approval request sent to acme's subscribers: their ledger records.</summary>
    private async Task<(string Id, IReadOnlyList<DeliveryRecord> Sent)> SentAsync(string title)
    {
        var id = await host.CreateAsync(Changes.Complete(title, "acme"));
        await host.PostJsonAsync($"/api/changes/{id}/submit", null);
        await host.Get<QueueWorker>().DrainAsync("acme", DeliveryOptions.Send, default);
        var sent = await host.Get<IDeliveryLedger>().ListAsync(id, "acme", default);
        Assert.True(sent.Count >= 3, $"acme's example list has at least three subscribers to the approval topic, found {sent.Count}");
        return (id, sent);
    }

    /// <summary>An SES event for the record's message, as EventBridge delivers it (the record's tags as our sends set them).</summary>
    private static string Event(DeliveryRecord r, string detailType, string eventType, string detailName, JsonObject detail) => new JsonObject
    {
        ["version"] = "0", ["id"] = Guid.NewGuid().ToString(), ["detail-type"] = detailType, ["source"] = "aws.ses",
        ["account"] = "111122223333", ["time"] = "2026-12-06T10:00:01Z", ["region"] = "eu-west-1", ["resources"] = new JsonArray(),
        ["detail"] = new JsonObject
        {
            ["eventType"] = eventType,
            ["mail"] = new JsonObject
            {
                ["timestamp"] = "2026-12-06T10:00:00Z", ["messageId"] = r.MessageId, ["source"] = "changes@msp.example",
                ["destination"] = new JsonArray(r.Key.Recipient),
                ["tags"] = new JsonObject
                {
                    ["customer"] = new JsonArray(r.Key.CustomerCode), ["change"] = new JsonArray(r.Key.ChangeId),
                    ["notification"] = new JsonArray(r.Key.Kind.ToString()), ["version"] = new JsonArray(r.Key.Version.ToString()),
                },
            },
            [detailName] = detail,
        },
    }.ToJsonString();

    private static string Delivered(DeliveryRecord r) => Event(r, "Email Delivered", "Delivery", "delivery",
        new JsonObject { ["timestamp"] = "2026-12-06T10:00:02Z", ["recipients"] = new JsonArray(r.Key.Recipient), ["smtpResponse"] = "250 OK" });

    private static string Bounced(DeliveryRecord r) => Event(r, "Email Bounced", "Bounce", "bounce", new JsonObject
    {
        ["bounceType"] = "Permanent", ["bounceSubType"] = "General", ["timestamp"] = "2026-12-06T10:00:03Z",
        ["bouncedRecipients"] = new JsonArray(new JsonObject { ["emailAddress"] = r.Key.Recipient, ["status"] = "5.1.1", ["diagnosticCode"] = "smtp; 550 5.1.1 user unknown" }),
    });

    private static string Complained(DeliveryRecord r) => Event(r, "Email Complaint Received", "Complaint", "complaint", new JsonObject
    {
        ["timestamp"] = "2026-12-06T10:05:00Z", ["complaintFeedbackType"] = "abuse",
        ["complainedRecipients"] = new JsonArray(new JsonObject { ["emailAddress"] = r.Key.Recipient }),
    });

    private async Task FeedAsync(params string[] bodies)
    {
        foreach (var body in bodies)
            Assert.IsType<MessageOutcome.Completed>((await host.Get<FeedbackProcessor>().ProcessAsync(Guid.NewGuid().ToString(), body, default)).Outcome);
    }

    [Fact]
    public async Task Status_counts_what_SES_said_and_names_the_failing_recipients_with_their_reasons()
    {
        var (id, sent) = await SentAsync("Feedback on status");
        var (bounced, complained, delivered) = (sent[0], sent[1], sent[2]);
        await FeedAsync(Bounced(bounced), Delivered(complained), Complained(complained), Delivered(delivered), Delivered(delivered));

        var status = (await host.GetJsonAsync($"/api/changes/{id}/status"))["items"]![0]!;

        Assert.Equal("sent", (string)status["state"]!);
        var outcomes = status["outcomes"]!;
        Assert.Equal((1, 1, 1, 0, sent.Count - 3),
            ((int)outcomes["delivered"]!, (int)outcomes["bounced"]!, (int)outcomes["complained"]!, (int)outcomes["rejected"]!, (int)outcomes["pending"]!));
        var problems = status["problems"]!.AsArray().ToDictionary(p => (string)p!["recipient"]!, p => p!);
        Assert.Equal([bounced.Key.Recipient, complained.Key.Recipient], problems.Keys.Order());
        Assert.Equal("bouncedPermanent", (string)problems[bounced.Key.Recipient]["outcome"]!);
        Assert.Contains("550 5.1.1 user unknown", (string)problems[bounced.Key.Recipient]["reason"]!, StringComparison.Ordinal);
        Assert.Equal(("complained", "abuse"), ((string)problems[complained.Key.Recipient]["outcome"]!, (string)problems[complained.Key.Recipient]["reason"]!));
    }

    [Fact]
    public async Task Deliveries_carry_each_emails_outcome_and_a_late_delivery_does_not_undo_a_bounce()
    {
        var (id, sent) = await SentAsync("Feedback per email");
        await FeedAsync(Bounced(sent[0]), Delivered(sent[0]), Delivered(sent[1]));

        var items = (await host.GetJsonAsync($"/api/changes/{id}/deliveries"))["items"]!.AsArray().ToDictionary(i => (string)i!["recipient"]!, i => i!);

        Assert.Equal("bouncedPermanent", (string)items[sent[0].Key.Recipient]["outcome"]!);
        Assert.Equal("delivered", (string)items[sent[1].Key.Recipient]["outcome"]!);
        Assert.Null(items[sent[2].Key.Recipient]["outcome"]);
    }

    [Fact]
    public async Task The_list_filters_changes_with_undelivered_notices()
    {
        var (bouncing, sent) = await SentAsync("Feedback bounced");
        var (fine, fineSent) = await SentAsync("Feedback delivered");
        await FeedAsync(Bounced(sent[0]), Delivered(fineSent[0]));

        var ids = (await host.GetJsonAsync("/api/changes?undelivered=true&pageSize=200"))["items"]!.AsArray().Select(i => (string)i!["changeId"]!).ToList();
        var all = (await host.GetJsonAsync("/api/changes?undelivered=false&pageSize=200"))["items"]!.AsArray().Select(i => (string)i!["changeId"]!).ToList();

        Assert.Contains(bouncing, ids);
        Assert.DoesNotContain(fine, ids);
        Assert.Contains(fine, all);
        var bad = await host.SendAsync(HttpMethod.Get, "/api/changes?undelivered=maybe");
        var problem = await ApiHost.ReadAsync(bad, System.Net.HttpStatusCode.BadRequest);
        Assert.Contains("undelivered", problem.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reputation_reads_the_rates_from_the_ledger_and_SES_status_for_each_customer()
    {
        var (_, sent) = await SentAsync("Feedback reputation");
        await FeedAsync(Bounced(sent[0]), Complained(sent[1]));

        var items = (await host.GetJsonAsync("/api/reputation"))["items"]!.AsArray().ToDictionary(i => (string)i!["customerCode"]!, i => i!);

        var acme = items["acme"];
        var recent = acme["recent"]!;
        Assert.Equal((sent.Count, 1, 1), ((int)recent["sent"]!, (int)recent["bounced"]!, (int)recent["complained"]!));
        Assert.Equal((double)1 / sent.Count, (double)recent["bounceRate"]!, 6);
        // Fewer sends than minimum_sends (20): the rates show but do not judge.
        Assert.Equal("healthy", (string)acme["status"]!);
        Assert.Equal("HEALTHY", (string?)acme["sesEnforcementStatus"]);
        Assert.Equal(0, (int)items["globex"]["recent"]!["sent"]!);
        Assert.Equal(items.Keys.Order(StringComparer.Ordinal), items.Keys);
    }
}
