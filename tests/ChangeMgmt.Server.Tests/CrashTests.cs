using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChangeMgmt.Local;

namespace ChangeMgmt.Server.Tests;

/// <summary>
/// kill -9 in the middle of a delivery, then a restart on the same data directory: every recipient gets
/// exactly one email and the status reads sent, with no spurious dead letter from the crashed process's claims.
/// </summary>
public sealed class CrashTests
{
    private const int Contacts = 150;
    private const int SendRate = 25;

    [Fact]
    public async Task Killed_mid_delivery_and_restarted_every_recipient_gets_one_email_and_the_status_reads_sent()
    {
        // A short visibility timeout so the restart takes the message over within seconds; a lease longer than the
        // retries' delays together (1 + 2 + 4 + 8 s), which used to dead-letter the message before the claims expired.
        await using var server = await LocalServer.StartAsync(WriteContacts, "--claim-lease", "20", "--visibility-timeout", "4");
        var id = (string)(await server.PostJsonAsync("/api/changes", ChangeRequests.For("umbrella"), HttpStatusCode.Created))["changeId"]!;
        await server.PostJsonAsync($"/api/changes/{id}/submit", null);
        await server.PostJsonAsync($"/api/changes/{id}/approve", null);

        var before = await server.EventuallyAsync(() => SentAsync(server), n => n >= Contacts / 5, "a fifth of the announcements sent", TimeSpan.FromSeconds(60));
        await server.KillAsync();
        var atKill = await SentAsync(server);
        Assert.InRange(atKill, before, Contacts - 1);

        await server.RestartAsync();
        var status = await server.EventuallyAsync(() => server.GetJsonAsync($"/api/changes/{id}/status"),
            s => s["items"]!.AsArray().All(i => (string)i!["state"]! is "sent" or "failed"), "the delivery settled", TimeSpan.FromSeconds(120));

        var umbrella = status["items"]!.AsArray().Single()!;
        Assert.Equal(("umbrella", "sent", Contacts, Contacts), ((string)umbrella["customer"]!, (string)umbrella["state"]!, (int)umbrella["sent"]!, (int)umbrella["total"]!));
        var mails = await Outbox.ReadAsync(server, "umbrella", id);
        Assert.Equal(Contacts, mails.Count);
        Assert.Equal(Contacts, mails.Select(m => m.To).Distinct().Count());
        Assert.Empty((await server.GetJsonAsync("/api/dead-letters?customer=umbrella"))["items"]!.AsArray());
        Assert.Contains(server.OutputLines, l => l.Contains("for another process's claims", StringComparison.Ordinal));
    }

    /// <summary>Announcements (and only those) sent so far, read from the shared database as another process would.</summary>
    private static async Task<int> SentAsync(LocalServer server)
    {
        using var adapters = new LocalAdapters(server.DataDirectory, "msp-change-metadata-example");
        return await adapters.Outbox.CountAsync("umbrella", null, default);
    }

    /// <summary>umbrella: many contacts, subscribed to announcements only, at a low SES rate.</summary>
    private static void WriteContacts(string configDirectory)
    {
        var contacts = Enumerable.Range(0, Contacts).Select(i => new
        {
            EmailAddress = $"c{i:D3}@umbrella.example",
            TopicPreferences = new[]
            {
                new { TopicName = "aws-announce", SubscriptionStatus = "OPT_IN" },
                new { TopicName = "aws-approval", SubscriptionStatus = "OPT_OUT" },
                new { TopicName = "aws-calendar", SubscriptionStatus = "OPT_OUT" },
            },
            UnsubscribeAll = false,
        });
        var seed = new Dictionary<string, object> { ["umbrella"] = new { MaxSendRate = SendRate, Contacts = contacts, SuppressedDestinations = Array.Empty<object>() } };
        File.WriteAllText(Path.Combine(configDirectory, "local-contacts.json"), JsonSerializer.Serialize(seed));
    }
}
