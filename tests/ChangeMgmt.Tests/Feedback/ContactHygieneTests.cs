using ChangeMgmt.Core.Administration;
using ChangeMgmt.Core.Configuration;
using ChangeMgmt.Core.Delivery;
using ChangeMgmt.Core.Feedback;
using ChangeMgmt.Core.Identity;
using ChangeMgmt.Core.Ports;
using ChangeMgmt.Testing;
using ChangeMgmt.Tests.Administration;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChangeMgmt.Tests.Feedback;

/// <summary>The bounce policy applied to contacts of a real local SES account, and undone as an administrator would.</summary>
public sealed class ContactHygieneTests : AdminWorldTests
{
    private const string Jane = "jane@acme.example";
    private static readonly DateTimeOffset At = new(2026, 11, 30, 14, 20, 48, TimeSpan.Zero);
    private static readonly string[] Topics = ["aws-calendar", "aws-announce", "aws-approval", "general-updates", "finops-announce"];

    private ContactHygiene Hygiene(ChangeMgmtConfig? config = null) =>
        new(config ?? AdminWorld.Config.Config, World.Adapters.SesAccounts, NullLogger<ContactHygiene>.Instance);

    private static RecipientOutcomeChange Moved(RecipientOutcome outcome, string recipient = Jane, string? detail = "Permanent; General; 5.1.1") => new(
        new DeliveryKey("acme", "CHG-20261130-7Q2K9D", NotificationKind.Announcement, 2, recipient), "ses-message-1",
        new RecipientFeedback(outcome, At, detail),
        new SesEvent(SesEventKind.Bounce, "ses-message-1", At, [new SesRecipient(recipient)], new Dictionary<string, string>()));

    private async Task<CustomerContact> SeedJaneAsync(string? attributes = null)
    {
        await World.CreateListAsync(AdminWorld.Acme);
        await World.Account(AdminWorld.Acme).CreateContactAsync(AdminWorld.ListName,
            new SesContact(Jane, [.. Topics.Select(AdminWorld.In)], AttributesData: attributes), default);
        return await World.Contacts().GetAsync(AdminWorld.Acme, Jane, default);
    }

    private Task<CustomerContact> JaneAsync() => World.Contacts().GetAsync(AdminWorld.Acme, Jane, default);

    [Fact]
    public async Task A_permanent_bounce_opts_the_contact_out_of_every_topic_and_marks_it_keeping_the_identity_import_marker()
    {
        var before = await SeedJaneAsync(ManagedContactMarker.For("d-123", "u-1"));
        Assert.Equal(Topics.Order(), before.SubscribedTopics.Order());

        var results = await Hygiene().ApplyAsync([Moved(RecipientOutcome.BouncedPermanent)], default);

        var after = await JaneAsync();
        Assert.Empty(after.SubscribedTopics);
        Assert.False(after.UnsubscribeAll);
        Assert.Equal("u-1", ManagedContactMarker.Read(after.AttributesData)?.UserId);
        Assert.Equal(new FeedbackMark(RecipientOutcome.BouncedPermanent, HygieneAction.OptOut, "CHG-20261130-7Q2K9D", "Announcement", 2, "ses-message-1", At, "Permanent; General; 5.1.1"),
            FeedbackMark.Read(after.AttributesData));
        Assert.Equal(FeedbackMark.Read(after.AttributesData), after.Feedback);
        Assert.Null(Assert.Single(results).Skipped);
    }

    [Fact]
    public async Task A_complaint_unsubscribes_from_all_and_the_cmdlets_path_subscribes_the_contact_again()
    {
        await SeedJaneAsync();

        await Hygiene().ApplyAsync([Moved(RecipientOutcome.Complained, detail: "abuse")], default);
        var complained = await JaneAsync();
        // What Set-SesContactSubscription -Topic … -Status OptIn -UnsubscribeAll:$false does.
        var restored = await World.Contacts().SetSubscriptionAsync(AdminWorld.Acme, Jane, Topics, SubscriptionStatus.OptIn, unsubscribeAll: false, addMissing: false, default);

        Assert.True(complained.UnsubscribeAll);
        Assert.Empty(complained.SubscribedTopics);
        Assert.Equal(HygieneAction.UnsubscribeAll, FeedbackMark.Read(complained.AttributesData)?.Action);
        Assert.Equal(Topics.Order(), restored.SubscribedTopics.Order());
        Assert.Equal(RecipientOutcome.Complained, FeedbackMark.Read(restored.AttributesData)?.Outcome);
    }

    [Fact]
    public async Task An_opted_out_bounce_is_undone_with_the_cmdlets_path()
    {
        await SeedJaneAsync();
        await Hygiene().ApplyAsync([Moved(RecipientOutcome.BouncedPermanent)], default);

        var restored = await World.Contacts().SetSubscriptionAsync(AdminWorld.Acme, Jane, Topics, SubscriptionStatus.OptIn, unsubscribeAll: null, addMissing: false, default);

        Assert.Equal(Topics.Order(), restored.SubscribedTopics.Order());
    }

    [Fact]
    public async Task Transient_bounces_deliveries_and_delays_leave_the_contact_as_it_is()
    {
        var before = await SeedJaneAsync();

        var results = await Hygiene().ApplyAsync(
            [Moved(RecipientOutcome.BouncedTransient), Moved(RecipientOutcome.Delivered), Moved(RecipientOutcome.Delayed)], default);

        Assert.Empty(results);
        var after = await JaneAsync();
        Assert.Equal(before.SubscribedTopics, after.SubscribedTopics);
        Assert.Equal((before.UnsubscribeAll, before.AttributesData, before.LastUpdatedTimestamp), (after.UnsubscribeAll, after.AttributesData, after.LastUpdatedTimestamp));
    }

    [Fact]
    public async Task A_customer_policy_of_remove_removes_the_contact_and_one_already_gone_is_not_an_error()
    {
        await SeedJaneAsync();
        var config = WithAcmePolicy(new BouncePolicyConfig { PermanentBounce = "remove" });

        var first = await Hygiene(config).ApplyAsync([Moved(RecipientOutcome.BouncedPermanent)], default);
        var again = await Hygiene(config).ApplyAsync([Moved(RecipientOutcome.BouncedPermanent)], default);
        var restored = await World.Contacts().AddAsync(AdminWorld.Acme, Jane, [.. Topics.Select(AdminWorld.In)], unsubscribeAll: false, default);

        Assert.Equal((HygieneAction.Remove, (string?)null), (first[0].Action, first[0].Skipped));
        Assert.Equal("not in the contact list", Assert.Single(again).Skipped);
        Assert.Equal(Topics.Order(), restored.SubscribedTopics.Order());
    }

    [Fact]
    public async Task A_customer_without_its_contact_list_is_reported_and_the_rest_still_acts()
    {
        await SeedJaneAsync();
        var globex = Moved(RecipientOutcome.BouncedPermanent) with { Delivery = new DeliveryKey("globex", "CHG-1", NotificationKind.Announcement, 1, "gil@globex.example") };

        var results = await Hygiene().ApplyAsync([globex, Moved(RecipientOutcome.Complained)], default);

        Assert.Contains("globex", results[0].Skipped);
        Assert.Null(results[1].Skipped);
        Assert.True((await JaneAsync()).UnsubscribeAll);
    }

    [Fact]
    public async Task Keep_only_marks_the_contact()
    {
        await SeedJaneAsync();
        var config = WithAcmePolicy(new BouncePolicyConfig { Complaint = "keep" });

        await Hygiene(config).ApplyAsync([Moved(RecipientOutcome.Complained)], default);

        var after = await JaneAsync();
        Assert.Equal(Topics.Order(), after.SubscribedTopics.Order());
        Assert.Equal(HygieneAction.Keep, FeedbackMark.Read(after.AttributesData)?.Action);
    }

    [Fact]
    public void A_mark_merges_into_attributes_that_are_not_json_without_losing_them()
    {
        var merged = new FeedbackMark(RecipientOutcome.Complained, HygieneAction.Keep, "CHG-1", "Announcement", 1, "m", At, null).MergeInto("team=ops");

        Assert.Contains("\"attributes\":\"team=ops\"", merged);
        Assert.Equal("CHG-1", FeedbackMark.Read(merged)?.ChangeId);
    }

    [Fact]
    public async Task A_hygiene_action_SES_throttles_makes_the_event_come_back_and_its_repeat_finishes_it_once()
    {
        await SeedJaneAsync();
        var key = new DeliveryKey("acme", SesSamples.ChangeId, NotificationKind.ApprovalRequest, 2, Jane);
        await World.Adapters.Ledger.MarkSentAsync(key, "ses-1", default);
        var (provider, proxy) = ThrottlingOnce.Wrap(World.Adapters.SesAccounts, "acme", nameof(ISesAccount.UpdateContactAsync), times: 1);
        var processor = new FeedbackProcessor(World.Adapters.Ledger, NullLogger<FeedbackProcessor>.Instance)
        {
            Hygiene = new ContactHygiene(AdminWorld.Config.Config, provider, NullLogger<ContactHygiene>.Instance),
        };
        var bounce = SesSamples.EventBridge(SesSamples.About(SesSamples.PermanentBounce, key, "ses-1"));

        var first = await processor.ProcessAsync("m-1", bounce, default);
        var retry = Assert.IsType<MessageOutcome.Retry>(first.Outcome);
        Assert.Contains("Contact hygiene failed for acme jane@acme.example", retry.Description, StringComparison.Ordinal);
        Assert.Single(first.Changes);
        Assert.Equal(Topics.Order(), (await JaneAsync()).SubscribedTopics.Order());

        var second = await processor.ProcessAsync("m-1", bounce, default);
        Assert.IsType<MessageOutcome.Completed>(second.Outcome);
        Assert.Empty(second.Changes);
        Assert.Single(second.Repeats!);
        Assert.Empty((await JaneAsync()).SubscribedTopics);
        Assert.Equal("ses-1", (await JaneAsync()).Feedback?.SesMessageId);

        // A duplicate of the event after that writes nothing: the contact carries this send's mark already.
        Assert.IsType<MessageOutcome.Completed>((await processor.ProcessAsync("m-2", bounce, default)).Outcome);
        Assert.Equal(1, proxy.Calls);
    }

    private static ChangeMgmtConfig WithAcmePolicy(BouncePolicyConfig policy)
    {
        var config = AdminWorld.Config.Config;
        var mappings = new Dictionary<string, CustomerConfig>(config.CustomerMappings, StringComparer.Ordinal) { ["acme"] = AdminWorld.Acme with { BouncePolicy = policy } };
        return config with { CustomerMappings = mappings };
    }
}
