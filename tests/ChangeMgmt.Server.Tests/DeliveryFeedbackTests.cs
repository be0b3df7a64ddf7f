using System.Net;
using System.Text.Json;
using ChangeMgmt.Core.Feedback;
using ChangeMgmt.Core.Ports;
using ChangeMgmt.Local;

namespace ChangeMgmt.Server.Tests;

/// <summary>
/// The whole feedback loop on one machine: a change notice to the SES mailbox simulator's addresses, the local SES
/// account's events drained by the server's worker into the ledger, and the contacts changed by the default policy.
/// </summary>
public sealed class DeliveryFeedbackTests : IAsyncLifetime
{
    private const string Success = "success@simulator.amazonses.com";
    private const string Bounce = "bounce@simulator.amazonses.com";
    private const string Complaint = "complaint@simulator.amazonses.com";
    private const string Suppressed = "suppressionlist@simulator.amazonses.com";
    private const string Ann = "ann@acme.example";
    private static readonly string[] AllTopics = ["aws-calendar", "aws-announce", "aws-approval", "general-updates", "finops-announce"];

    private LocalServer server = null!;
    private LocalAdapters data = null!;

    public async Task InitializeAsync()
    {
        server = await LocalServer.StartAsync(Seed);
        // A second process on the server's data directory, as the cmdlets are: it reads the ledger and the contacts.
        data = new LocalAdapters(server.DataDirectory, LocalBackend.DefaultBucketName, new LocalAdapterOptions { WriteEmlFiles = false, PublishSesEvents = false });
    }

    public async Task DisposeAsync()
    {
        data.Dispose();
        await server.DisposeAsync();
    }

    [Fact]
    public async Task Simulator_addresses_end_delivered_bounced_or_complained_and_the_contacts_follow_the_default_policy()
    {
        var id = (string)(await server.PostJsonAsync("/api/changes", ChangeRequests.For("acme"), HttpStatusCode.Created))["changeId"]!;
        await server.PostJsonAsync($"/api/changes/{id}/submit", null);

        var outcomes = await server.EventuallyAsync(() => OutcomesAsync(id, NotificationKind.ApprovalRequest),
            o => o.Count == 5 && o.Values.All(v => v is RecipientOutcome.Delivered or RecipientOutcome.BouncedPermanent or RecipientOutcome.Complained),
            "final outcomes of the five approval requests");
        Assert.Equal(new Dictionary<string, RecipientOutcome?>
        {
            [Ann] = RecipientOutcome.Delivered, [Bounce] = RecipientOutcome.BouncedPermanent, [Complaint] = RecipientOutcome.Complained,
            [Success] = RecipientOutcome.Delivered, [Suppressed] = RecipientOutcome.BouncedPermanent,
        }, outcomes);

        var bounced = await server.EventuallyAsync(() => ContactAsync(Bounce), c => FeedbackMark.Read(c.AttributesData) is not null, "the bounce's mark");
        var complained = await server.EventuallyAsync(() => ContactAsync(Complaint), c => FeedbackMark.Read(c.AttributesData) is not null, "the complaint's mark");
        var suppressed = await server.EventuallyAsync(() => ContactAsync(Suppressed), c => FeedbackMark.Read(c.AttributesData) is not null, "the suppressed address's mark");
        Assert.All(AllTopics, t => Assert.Contains(new TopicPreference(t, SubscriptionStatus.OptOut), bounced.TopicPreferences));
        Assert.Equal((HygieneAction.OptOut, id, "ApprovalRequest"), Summary(bounced));
        Assert.Contains("5.1.1", FeedbackMark.Read(bounced.AttributesData)!.Detail);
        Assert.All(AllTopics, t => Assert.Contains(new TopicPreference(t, SubscriptionStatus.OptOut), suppressed.TopicPreferences));
        Assert.True(complained.UnsubscribeAll);
        Assert.Equal((HygieneAction.UnsubscribeAll, id, "ApprovalRequest"), Summary(complained));
        Assert.Null((await ContactAsync(Success)).AttributesData);
        // The server logs the hygiene action after writing the contact: its line may reach the output after the mark is seen.
        await server.EventuallyAsync(() => Task.FromResult(server.OutputLines),
            lines => lines.Any(l => l.Contains("Contact hygiene", StringComparison.Ordinal) && l.Contains(Bounce, StringComparison.Ordinal)), "the bounce's contact hygiene log line");

        // The loop is closed: the next notice of the change reaches only the addresses that still receive mail.
        await server.PostJsonAsync($"/api/changes/{id}/approve", null);
        var announced = await server.EventuallyAsync(() => Outbox.ReadAsync(server, "acme", id), m => m.To("acme", "Scheduled change").Length >= 2, "the announcements");
        Assert.Equal([Ann, Success], announced.To("acme", "Scheduled change"));
        await server.EventuallyAsync(() => server.GetJsonAsync("/api/queues"),
            q => q["items"]!.AsArray().All(i => i!["visible"]!.GetValue<int>() + i["inFlight"]!.GetValue<int>() == 0), "every queue drained, the SES events' too");
        Assert.Equal(RecipientOutcome.Delivered, (await OutcomesAsync(id, NotificationKind.Announcement))[Success]);
    }

    private async Task<Dictionary<string, RecipientOutcome?>> OutcomesAsync(string changeId, NotificationKind kind) =>
        (await data.Ledger.ListWithOutcomesAsync(changeId, "acme", default))
            .Where(r => !r.Key.IsOutcome && r.Key.Kind == kind)
            .ToDictionary(r => r.Key.Recipient, r => r.Outcome);

    private Task<SesContact> ContactAsync(string email) =>
        data.SesAccounts.ForCustomer("acme").GetContactAsync(Core.Configuration.CustomerConfig.DefaultContactListName, email, default);

    private static (HygieneAction, string, string) Summary(SesContact contact) =>
        FeedbackMark.Read(contact.AttributesData) is { } mark ? (mark.Action, mark.ChangeId, mark.Notification) : default;

    private static void Seed(string configDirectory)
    {
        var all = AllTopics.Select(t => new { TopicName = t, SubscriptionStatus = "OPT_IN" }).ToArray();
        var seed = new Dictionary<string, object>
        {
            ["acme"] = new { MaxSendRate = 50, Contacts = new[] { Success, Bounce, Complaint, Suppressed, Ann }.Select(e => new { EmailAddress = e, TopicPreferences = all }) },
        };
        File.WriteAllText(Path.Combine(configDirectory, "local-contacts.json"), JsonSerializer.Serialize(seed));
    }
}
