using System.Text;
using System.Text.Json.Nodes;
using ChangeMgmt.Core.Announcements;
using ChangeMgmt.Core.Delivery;
using ChangeMgmt.Core.Ports;
using ChangeMgmt.Tests.Announcements;

namespace ChangeMgmt.Tests.Delivery;

/// <summary>
/// Announcements written straight to the bucket as the announcement service will write them (archive object, then
/// one trigger per customer), delivered by the real worker on the local backend.
/// </summary>
public sealed class AnnouncementDeliveryTests : IDisposable
{
    private const string GeneralUpdates = "general-updates";
    private const string FinOpsAnnounce = "finops-announce";
    private readonly DeliveryWorld world = new("acme", "globex", "initech");

    public void Dispose() => world.Dispose();

    [Fact]
    public async Task A_general_announcement_reaches_exactly_its_customers_general_updates_subscribers_once()
    {
        foreach (var customer in new[] { "acme", "globex", "initech" }) await SeedAsync(customer, GeneralUpdates);
        var announcement = await PublishAsync(new Announcement
        {
            AnnouncementId = "ANN-20261206-GEN001",
            AnnouncementType = "general",
            Title = "New service desk hours",
            Summary = "From January the desk is staffed around the clock.",
            Content = "Call the **usual number**.",
            Customers = ["acme", "globex"],
            Status = AnnouncementStatus.Approved,
            Version = 1,
        });
        var (_, worker) = world.Engine();

        foreach (var customer in new[] { "acme", "globex", "initech" }) await worker.DrainAsync(customer, DeliveryOptions.Send, default);

        var sent = await SentAsync();
        Assert.Equal(
            ["acme-sub1@acme.example", "acme-sub2@acme.example", "globex-sub1@globex.example", "globex-sub2@globex.example"],
            sent.Select(s => s.To).Order(StringComparer.Ordinal));
        Assert.All(sent, s =>
        {
            Assert.Equal("New service desk hours", s.Subject);
            Assert.Equal(GeneralUpdates, s.Topic);
            Assert.Equal(announcement.AnnouncementId, s.Tags["change"]);
            Assert.Equal(nameof(NotificationKind.AnnouncementNotice), s.Tags["notification"]);
        });
        var ledger = await world.Adapters.Ledger.ListAsync(announcement.AnnouncementId, null, default);
        Assert.Equal(4, ledger.Count(r => !r.Key.IsOutcome && r.State == DeliveryState.Sent && r.Key.Kind == NotificationKind.AnnouncementNotice && r.Key.Version == 1));

        await RepublishTriggersAsync(announcement);
        foreach (var customer in new[] { "acme", "globex" }) Assert.Equal(1, await worker.DrainAsync(customer, DeliveryOptions.Send, default));

        Assert.Equal(4, await world.Adapters.Outbox.CountAsync(null, null, default));
    }

    [Fact]
    public async Task Cancelling_a_sent_announcement_tells_the_same_subscribers_once_and_cancels_its_invite()
    {
        await SeedAsync("acme", GeneralUpdates);
        var sent = ForAcme("ANN-20261206-CAN001", "general") with
        {
            IncludeMeeting = true, MeetingDate = "2026-12-10T10:00:00", MeetingTimezone = "Europe/London", MeetingDuration = 30,
            ApprovedAt = DateTimeOffset.Parse("2026-12-06T09:00:00Z"),
        };
        var (_, worker) = world.Engine();
        await PublishAsync(sent);
        await worker.DrainAsync("acme", DeliveryOptions.Send, default);

        var cancelled = sent with { Status = AnnouncementStatus.Cancelled, Version = 2, CancelledAt = DateTimeOffset.Parse("2026-12-07T09:00:00Z") };
        await PublishAsync(cancelled);
        await worker.DrainAsync("acme", DeliveryOptions.Send, default);
        await RepublishTriggersAsync(cancelled);
        await worker.DrainAsync("acme", DeliveryOptions.Send, default);

        var all = await SentAsync();
        var notices = all.Where(s => s.Tags["notification"] == nameof(NotificationKind.AnnouncementNotice)).Select(s => s.To).Order(StringComparer.Ordinal);
        var withdrawals = all.Where(s => s.Tags["notification"] == nameof(NotificationKind.AnnouncementCancellation)).ToList();
        Assert.Equal(notices, withdrawals.Select(s => s.To).Order(StringComparer.Ordinal));
        Assert.Equal(2, withdrawals.Count);
        Assert.All(withdrawals, s => Assert.Equal("Cancelled: About ANN-20261206-CAN001", s.Subject));
        var mime = Encoding.UTF8.GetString((await world.Adapters.Outbox.GetAsync(withdrawals[0].MessageId, default))!.Mime);
        Assert.Contains("text/calendar; method=CANCEL", mime);
    }

    [Fact]
    public async Task An_announcement_not_yet_approved_sends_nothing()
    {
        await SeedAsync("acme", GeneralUpdates);
        var outcome = await PublishAndProcessAsync(ForAcme("ANN-20261206-DRAFT1", "general", AnnouncementStatus.Submitted));

        var delivery = Assert.Single(Assert.IsType<MessageOutcome.Completed>(outcome).Deliveries);
        Assert.Empty(delivery.Notifications);
        Assert.Equal(0, await world.Adapters.Outbox.CountAsync(null, null, default));
    }

    [Fact]
    public async Task An_announcement_of_an_unconfigured_type_is_a_dead_letter_not_a_change()
    {
        var outcome = await PublishAndProcessAsync(ForAcme("ANN-20261206-TYPE01", "weather"));

        Assert.Contains("announcement type 'weather' is not configured", Assert.IsType<MessageOutcome.Poison>(outcome).Description);
    }

    [Fact]
    public async Task A_dry_run_previews_the_announcement_and_sends_nothing()
    {
        await SeedAsync("acme", GeneralUpdates);
        var outcome = await PublishAndProcessAsync(ForAcme("ANN-20261206-DRY001", "general"), DeliveryOptions.Send with { DryRun = true });

        var notification = Assert.Single(Assert.Single(Assert.IsType<MessageOutcome.Completed>(outcome).Deliveries).Notifications);
        Assert.Equal(NotificationKind.AnnouncementNotice, notification.Kind);
        Assert.Equal(["acme-sub1@acme.example", "acme-sub2@acme.example"], notification.Recipients.Order(StringComparer.Ordinal));
        Assert.Equal(0, await world.Adapters.Outbox.CountAsync(null, null, default));
    }

    [Theory]
    [InlineData("sqs-s3-event.json")]
    [InlineData("sqs-legacy.json")]
    public async Task The_original_tools_announcement_is_delivered_from_a_queue_message(string messageFixture)
    {
        await SeedAsync("globex", FinOpsAnnounce);
        var original = AnnouncementFixtures.Original();
        var report = "%PDF-1.7 quarterly"u8.ToArray();
        await world.Adapters.Objects.PutAsync(original.Attachments![0].Key!, report, WriteCondition.None, default);
        // The original's document byte for byte, but approved: the fixture was captured while it awaited approval.
        var document = JsonNode.Parse(AnnouncementFixtures.OriginalBytes())!;
        document["status"] = "approved";
        await world.Adapters.Objects.PutAsync(AnnouncementKeys.Archive(original.AnnouncementId), Encoding.UTF8.GetBytes(document.ToJsonString()), WriteCondition.None, default);
        var body = SharedFixtures.Text(messageFixture)
            .Replace("customers/acme/CHG-20261130-7Q2K9D.json", AnnouncementKeys.CustomerTrigger("globex", original.AnnouncementId))
            .Replace("customers/globex/CHG-20261130-7Q2K9D.json", AnnouncementKeys.CustomerTrigger("globex", original.AnnouncementId));
        Assert.Contains(original.AnnouncementId, body);
        var (processor, _) = world.Engine();

        var outcome = await processor.ProcessAsync("globex", "m-1", body, DeliveryOptions.Send, default);

        var delivery = Assert.Single(Assert.IsType<MessageOutcome.Completed>(outcome).Deliveries);
        Assert.Equal(2, delivery.Notifications.Single().Sent);
        var sent = await SentAsync();
        Assert.All(sent, s => Assert.Equal(FinOpsAnnounce, s.Topic));
        var mime = Encoding.UTF8.GetString((await world.Adapters.Outbox.GetAsync(sent[0].MessageId, default))!.Mime);
        Assert.Contains("q4-cost-report.pdf", mime);
        Assert.Contains("invite.ics", mime);
        Assert.Contains("Quarterly cost review and savings plan renewal", mime);
    }

    /// <summary>Two subscribers of the topic, one contact who opted out of it and one who only takes approvals.</summary>
    private async Task SeedAsync(string customer, string topic)
    {
        var account = world.Adapters.SesAccounts.ForCustomer(customer);
        await account.CreateContactListAsync(new SesContactList(DeliveryWorld.ContactList, null,
            [new SesTopic(topic, topic, topic, SubscriptionStatus.OptOut), new SesTopic("aws-approval", "Approvals", "", SubscriptionStatus.OptOut)]), default);
        await account.SetMaxSendRateAsync(100, default);
        foreach (var name in new[] { "sub1", "sub2" })
            await account.CreateContactAsync(DeliveryWorld.ContactList, new SesContact($"{customer}-{name}@{customer}.example", [new TopicPreference(topic, SubscriptionStatus.OptIn)]), default);
        await account.CreateContactAsync(DeliveryWorld.ContactList, new SesContact($"{customer}-out@{customer}.example", [new TopicPreference(topic, SubscriptionStatus.OptOut)]), default);
        await account.CreateContactAsync(DeliveryWorld.ContactList, new SesContact($"{customer}-approver@{customer}.example", [new TopicPreference("aws-approval", SubscriptionStatus.OptIn)]), default);
    }

    private async Task<Announcement> PublishAsync(Announcement announcement)
    {
        await world.Adapters.Objects.PutAsync(AnnouncementKeys.Archive(announcement.AnnouncementId), AnnouncementJson.Serialize(announcement), WriteCondition.None, default);
        await RepublishTriggersAsync(announcement);
        return announcement;
    }

    private static Announcement ForAcme(string id, string type, AnnouncementStatus status = AnnouncementStatus.Approved) => new()
    {
        AnnouncementId = id, AnnouncementType = type, Title = $"About {id}", Customers = ["acme"], Status = status, Version = 1,
    };

    /// <summary>Publishes to acme alone and processes acme's one message.</summary>
    private async Task<MessageOutcome> PublishAndProcessAsync(Announcement announcement, DeliveryOptions? options = null)
    {
        await PublishAsync(announcement);
        var message = await world.TakeOneAsync("acme");
        var (processor, _) = world.Engine();
        return await processor.ProcessAsync("acme", message.MessageId, message.Body, options ?? DeliveryOptions.Send, default);
    }

    private async Task RepublishTriggersAsync(Announcement announcement)
    {
        foreach (var customer in announcement.Customers)
            await world.Adapters.Objects.PutAsync(AnnouncementKeys.CustomerTrigger(customer, announcement.AnnouncementId), AnnouncementJson.Serialize(announcement), WriteCondition.None, default);
    }

    private async Task<IReadOnlyList<ChangeMgmt.Local.SentEmail>> SentAsync() =>
        (await world.Adapters.Outbox.ListAsync(null, 100, null, default)).Items;
}
