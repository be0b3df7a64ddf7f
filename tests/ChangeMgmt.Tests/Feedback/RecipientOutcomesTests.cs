using ChangeMgmt.Core.Feedback;
using static ChangeMgmt.Core.Feedback.RecipientOutcome;

namespace ChangeMgmt.Tests.Feedback;

/// <summary>The per-recipient outcome rules, as a table: current outcome, event, outcome after it.</summary>
public sealed class RecipientOutcomesTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 30, 14, 20, 0, TimeSpan.Zero);

    private static readonly Dictionary<string, SesEvent> Events = new()
    {
        ["send"] = Event(SesEventKind.Send),
        ["delivery"] = Event(SesEventKind.Delivery),
        ["delay"] = Event(SesEventKind.DeliveryDelay) with { DelayType = "MailboxFull" },
        ["bounce-permanent"] = Event(SesEventKind.Bounce) with { BounceType = SesBounceType.Permanent, BounceSubType = "General" },
        ["bounce-transient"] = Event(SesEventKind.Bounce) with { BounceType = SesBounceType.Transient, BounceSubType = "MailboxFull" },
        ["bounce-undetermined"] = Event(SesEventKind.Bounce) with { BounceType = SesBounceType.Undetermined, BounceSubType = "Undetermined" },
        ["complaint"] = Event(SesEventKind.Complaint) with { ComplaintFeedbackType = "abuse" },
        ["reject"] = Event(SesEventKind.Reject) with { RejectReason = "Bad content" },
        ["rendering-failure"] = Event(SesEventKind.RenderingFailure),
        ["subscription"] = Event(SesEventKind.Subscription) with { UnsubscribedAll = true },
        ["open"] = Event(SesEventKind.Open),
        ["click"] = Event(SesEventKind.Click),
    };

    private static SesEvent Event(SesEventKind kind) =>
        new(kind, "m-1", T0, [new("jane@acme.example")], new Dictionary<string, string> { ["customer"] = "acme" });

    public static TheoryData<RecipientOutcome, string, RecipientOutcome> Table() => new()
    {
        // From accepted, every event that says something moves it.
        { Accepted, "send", Accepted },
        { Accepted, "delivery", Delivered },
        { Accepted, "delay", Delayed },
        { Accepted, "bounce-permanent", BouncedPermanent },
        { Accepted, "bounce-transient", BouncedTransient },
        { Accepted, "bounce-undetermined", BouncedTransient },
        { Accepted, "complaint", Complained },
        { Accepted, "reject", Rejected },
        { Accepted, "rendering-failure", Rejected },
        { Accepted, "subscription", Accepted },
        { Accepted, "open", Accepted },
        { Accepted, "click", Accepted },
        // Not yet final: a delivery supersedes a delay or a transient bounce.
        { Delayed, "delivery", Delivered },
        { Delayed, "bounce-transient", BouncedTransient },
        { Delayed, "bounce-permanent", BouncedPermanent },
        { Delayed, "send", Delayed },
        { BouncedTransient, "delivery", Delivered },
        { BouncedTransient, "delay", BouncedTransient },
        { BouncedTransient, "bounce-permanent", BouncedPermanent },
        // Delivered: late or weaker news keeps it; a complaint or a late permanent bounce outranks it.
        { Delivered, "send", Delivered },
        { Delivered, "delay", Delivered },
        { Delivered, "bounce-transient", Delivered },
        { Delivered, "complaint", Complained },
        { Delivered, "bounce-permanent", BouncedPermanent },
        { Delivered, "subscription", Delivered },
        // Final states are never downgraded.
        { BouncedPermanent, "delivery", BouncedPermanent },
        { BouncedPermanent, "delay", BouncedPermanent },
        { BouncedPermanent, "bounce-transient", BouncedPermanent },
        { BouncedPermanent, "send", BouncedPermanent },
        { BouncedPermanent, "reject", BouncedPermanent },
        { Rejected, "delivery", Rejected },
        { Rejected, "bounce-permanent", Rejected },
        { Rejected, "send", Rejected },
        { Complained, "delivery", Complained },
        { Complained, "bounce-permanent", Complained },
        { Complained, "send", Complained },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public void Next_follows_the_table(RecipientOutcome current, string evt, RecipientOutcome expected)
    {
        Assert.Equal(expected, RecipientOutcomes.Next(current, Events[evt]));
    }

    [Fact]
    public void The_same_event_twice_changes_nothing_the_second_time()
    {
        foreach (var current in Enum.GetValues<RecipientOutcome>())
            foreach (var (name, e) in Events)
            {
                var once = RecipientOutcomes.Next(current, e);
                Assert.True(once == RecipientOutcomes.Next(once, e), $"{current} + {name} twice");
            }
    }

    [Fact]
    public void A_final_outcome_stays_final_whatever_follows()
    {
        foreach (var current in Enum.GetValues<RecipientOutcome>().Where(RecipientOutcomes.IsFinal))
            foreach (var (name, e) in Events)
                Assert.True(RecipientOutcomes.IsFinal(RecipientOutcomes.Next(current, e)), $"{current} + {name}");
    }

    [Fact]
    public void Order_of_arrival_does_not_matter_for_a_delivery_and_a_complaint()
    {
        var deliveredFirst = RecipientOutcomes.Next(RecipientOutcomes.Next(Accepted, Events["delivery"]), Events["complaint"]);
        var complaintFirst = RecipientOutcomes.Next(RecipientOutcomes.Next(Accepted, Events["complaint"]), Events["delivery"]);

        Assert.Equal((Complained, Complained), (deliveredFirst, complaintFirst));
    }

    [Theory]
    [InlineData(Accepted, false)]
    [InlineData(Delayed, false)]
    [InlineData(BouncedTransient, false)]
    [InlineData(Delivered, true)]
    [InlineData(BouncedPermanent, true)]
    [InlineData(Rejected, true)]
    [InlineData(Complained, true)]
    public void Final_outcomes_are_delivered_and_beyond(RecipientOutcome outcome, bool final)
    {
        Assert.Equal(final, RecipientOutcomes.IsFinal(outcome));
    }
}
