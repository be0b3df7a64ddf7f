using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChangeMgmt.Local;

namespace ChangeMgmt.Server.Tests;

/// <summary>
/// Two server processes on one data directory share each customer's send rate: each books the account's send time
/// in the shared ledger, as two delivery function instances do in DynamoDB, so together they pace at the rate.
/// </summary>
public sealed class SharedSendRateTests
{
    private const int Rate = 20;
    private const int Contacts = 60;

    [Fact]
    public async Task Two_servers_delivering_for_one_customer_at_once_stay_within_its_account_rate()
    {
        await using var first = await LocalServer.StartAsync(WriteContacts, "--worker", "off");
        await using var second = await LocalServer.StartAsync(WriteContacts, "--worker", "off", "--data-dir", first.DataDirectory);
        var ids = new[] { await SubmittedChangeAsync(first), await SubmittedChangeAsync(first) };

        // Each server delivers one change's trigger, at the same time, as two Lambda instances would.
        var responses = await Task.WhenAll(
            first.PostJsonAsync("/events", Batch(ids[0])),
            second.PostJsonAsync("/events", Batch(ids[1])));

        Assert.All(responses, r => Assert.Empty(r["batchItemFailures"]!.AsArray()));
        using var adapters = new LocalAdapters(first.DataDirectory, "msp-change-metadata-example");
        var sent = await Outbox.ReadAsync(first, customer: "acme");
        Assert.Equal(2 * Contacts, sent.Count);
        Assert.Equal(Contacts, sent.Count(m => m.ChangeId == ids[1]));
        var times = (await adapters.Outbox.ListAsync("acme", LocalOutbox.MaxPageSize, null, CancellationToken.None)).Items.Select(m => m.SentAt).ToList();
        // Booked slots are 1/Rate apart across both processes, so the sends take (2 × Contacts − 1) / Rate seconds; half a
        // second of slack is for sends that a loaded machine delays and then lets through together.
        Assert.True(times.Max() - times.Min() >= TimeSpan.FromSeconds((2.0 * Contacts - Rate / 2.0) / Rate), $"{times.Count} sends took {times.Max() - times.Min()}");
        // Any second holds about Rate (Rate + 1 slots; the same slack). Each process at the full rate on its own, held
        // back only by the account's bucket, reaches its burst plus Rate (2 × Rate) in the first second.
        Assert.InRange(await adapters.Outbox.MaxSentInAnyWindowAsync("acme", TimeSpan.FromSeconds(1), CancellationToken.None), Rate, Rate + Rate / 2);
        Assert.InRange(await adapters.Outbox.MaxSentInAnyWindowAsync("acme", TimeSpan.FromSeconds(2), CancellationToken.None), 2 * Rate, 2 * Rate + Rate / 2);
    }

    private static async Task<string> SubmittedChangeAsync(LocalServer server)
    {
        var id = (string)(await server.PostJsonAsync("/api/changes", ChangeRequests.For("acme"), HttpStatusCode.Created))["changeId"]!;
        await server.PostJsonAsync($"/api/changes/{id}/submit", null);
        return id;
    }

    private static JsonObject Batch(string changeId) => new()
    {
        ["Records"] = new JsonArray(RedeliveryTests.Record($"m-{changeId}", RedeliveryTests.AcmeQueueArn, RedeliveryTests.S3Event("acme", changeId))),
    };

    /// <summary>acme's account: Contacts people who take approval requests, at Rate sends a second.</summary>
    private static void WriteContacts(string configDirectory)
    {
        var contacts = Enumerable.Range(0, Contacts).Select(i => new
        {
            EmailAddress = $"person{i:D3}@acme.example",
            TopicPreferences = new[] { new { TopicName = "aws-approval", SubscriptionStatus = "OPT_IN" } },
        });
        var seed = new Dictionary<string, object> { ["acme"] = new { MaxSendRate = Rate, Contacts = contacts } };
        File.WriteAllText(Path.Combine(configDirectory, "local-contacts.json"), JsonSerializer.Serialize(seed));
    }
}
