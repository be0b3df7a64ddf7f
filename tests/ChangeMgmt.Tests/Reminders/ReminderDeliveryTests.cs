using ChangeMgmt.Core.Changes;
using ChangeMgmt.Core.Configuration;
using ChangeMgmt.Core.Delivery;
using ChangeMgmt.Core.Ports;
using ChangeMgmt.Core.Scheduling;
using ChangeMgmt.Local;
using ChangeMgmt.Testing;
using ChangeMgmt.Tests.Delivery;

namespace ChangeMgmt.Tests.Reminders;

/// <summary>
/// Reminders end to end in local mode (SQLite store, bucket notifications, queues, ledger, SES outbox) on a clock the test
/// moves: approval schedules the moments, the sweep writes their triggers when due, the worker sends them once.
/// </summary>
public sealed class ReminderDeliveryTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
    private readonly ShiftedClock clock = new(Start);
    private readonly DeliveryWorld world;

    public ReminderDeliveryTests() => world = new DeliveryWorld(clock, WithReminders, "acme", "globex");

    public void Dispose() => world.Dispose();

    /// <summary>globex hears only the hour before and the start, on its own topic.</summary>
    private static ChangeMgmtConfig WithReminders(ChangeMgmtConfig config) => config with
    {
        CustomerMappings = config.CustomerMappings.ToDictionary(kv => kv.Key, kv => kv.Key == "globex"
            ? kv.Value with { Reminders = new ReminderConfig { DayBefore = false, WindowEnded = false, Topic = "aws-approval" } }
            : kv.Value),
        Reminders = new ReminderConfig { GraceMinutes = 30 },
    };

    private async Task<Change> ApprovedAsync(params string[] customers)
    {
        var submitted = await world.SubmittedChangeAsync(customers);
        return (await world.Changes.ApplyAsync(submitted.ChangeId, ChangeAction.Approve, "omar", submitted.Version, default)).Change;
    }

    private async Task DeliverAllAsync()
    {
        var (_, worker) = world.Engine();
        foreach (var customer in new[] { "acme", "globex" })
            await worker.DrainAsync(customer, DeliveryOptions.Send, default);
    }

    private async Task<List<SentEmail>> SentAsync(string customer)
    {
        var sent = new List<SentEmail>();
        string? token = null;
        do
        {
            var page = await world.Adapters.Outbox.ListAsync(customer, 100, token, default);
            sent.AddRange(page.Items);
            token = page.NextToken;
        } while (token is not null);
        return sent;
    }

    private async Task<List<string>> SubjectsAsync(string customer, string prefix) =>
        [.. (await SentAsync(customer)).Select(e => e.Subject).Where(s => s.StartsWith(prefix, StringComparison.Ordinal)).Order()];

    /// <summary>The queued message of one moment's trigger (the change's own messages may still be waiting beside it).</summary>
    private async Task<QueuedMessage> TakeMomentAsync(string customer, string moment)
    {
        var messages = await world.Adapters.Queue.ReceiveAsync(customer, 10, TimeSpan.FromMinutes(5), TimeSpan.Zero, default);
        return Assert.Single(messages, m => m.Body.Contains($".{moment}.json", StringComparison.Ordinal));
    }

    private Task<List<string>> ScheduleKeysAsync() => world.Adapters.Objects.ListAllKeysAsync(Schedule.Prefix, default).ToListAsync().AsTask();

    /// <summary>Moves the clock to the moment, runs the sweep, then the customers' workers.</summary>
    private async Task<int> AtAsync(DateTimeOffset moment)
    {
        clock.AdvanceTo(moment);
        var written = await world.Changes.SendDueRemindersAsync(default);
        await DeliverAllAsync();
        return written;
    }

    [Fact]
    public async Task Each_moment_reaches_each_subscribed_contact_once_at_its_time_on_the_customer_topic()
    {
        await world.SeedAsync("acme", contacts: 3);
        await world.SeedAsync("globex", contacts: 2);
        var change = await ApprovedAsync("acme", "globex");
        await DeliverAllAsync();
        var start = change.ImplementationStart!.Value;
        var end = change.ImplementationEnd!.Value;
        Assert.Equal(4, (await ScheduleKeysAsync()).Count);   // one item per moment, whichever customers have it on

        Assert.Equal(0, await AtAsync(start.AddHours(-24).AddSeconds(-2)));
        Assert.Equal(1, await AtAsync(start.AddHours(-24)));
        Assert.Equal(0, await AtAsync(start.AddHours(-24).AddMinutes(1)));   // a second sweep: nothing more
        Assert.Equal(2, await AtAsync(start.AddHours(-1)));
        Assert.Equal(2, await AtAsync(start));
        Assert.Equal(1, await AtAsync(end.AddMinutes(30)));
        Assert.Empty(await ScheduleKeysAsync());

        var title = change.ChangeTitle;
        Assert.Equal(3, (await SubjectsAsync("acme", $"Reminder: {change.ChangeId} {title} starts in 24 hours")).Count);
        Assert.Equal(3, (await SubjectsAsync("acme", $"Reminder: {change.ChangeId} {title} starts in 1 hour")).Count);
        Assert.Equal(3, (await SubjectsAsync("acme", $"Started: {change.ChangeId}")).Count);
        Assert.Equal(3, (await SubjectsAsync("acme", $"Window ended: {change.ChangeId}")).Count);
        Assert.Empty(await SubjectsAsync("globex", "Reminder: " + change.ChangeId + " " + title + " starts in 24"));
        Assert.Empty(await SubjectsAsync("globex", "Window ended:"));
        var globex = (await SentAsync("globex")).Where(e => e.Subject.StartsWith("Reminder:", StringComparison.Ordinal) || e.Subject.StartsWith("Started:", StringComparison.Ordinal)).ToList();
        Assert.Equal(4, globex.Count);
        Assert.All(globex, e => Assert.Equal("aws-approval", e.Topic));
        Assert.All((await SentAsync("acme")).Where(e => e.Subject.StartsWith("Reminder:", StringComparison.Ordinal)), e => Assert.Equal("aws-announce", e.Topic));
        var ledger = await world.Adapters.Ledger.ListAsync(change.ChangeId, "acme", default);
        Assert.Equal(3, ledger.Count(r => r.Key.Kind == NotificationKind.ReminderDayBefore && r.State == DeliveryState.Sent));
        Assert.All(ledger.Where(r => r.Key.Kind == NotificationKind.WindowEnded), r => Assert.Equal(change.Version, r.Key.Version));
    }

    [Fact]
    public async Task A_trigger_written_again_or_a_message_delivered_twice_sends_nothing_more()
    {
        await world.SeedAsync("acme", contacts: 2);
        var change = await ApprovedAsync("acme");
        await DeliverAllAsync();
        clock.AdvanceTo(change.ImplementationStart!.Value.AddHours(-1));
        await world.Changes.SendDueRemindersAsync(default);
        var message = await TakeMomentAsync("acme", "reminder-1h");
        var (processor, _) = world.Engine();

        await processor.ProcessAsync("acme", message.MessageId, message.Body, DeliveryOptions.Send, default);
        var again = Assert.IsType<MessageOutcome.Completed>(await processor.ProcessAsync("acme", message.MessageId, message.Body, DeliveryOptions.Send, default));

        Assert.Equal(2, Assert.Single(Assert.Single(again.Deliveries).Notifications).AlreadySent);
        Assert.Equal(2, (await SubjectsAsync("acme", "Reminder:")).Count);
    }

    [Fact]
    public async Task A_reminder_overtaken_by_the_next_moment_is_not_sent()
    {
        await world.SeedAsync("acme", contacts: 1);
        var change = await ApprovedAsync("acme");
        await DeliverAllAsync();

        Assert.Equal(1, await AtAsync(change.ImplementationStart!.Value.AddMinutes(-30)));

        Assert.Equal([$"Reminder: {change.ChangeId} {change.ChangeTitle} starts in 1 hour"], await SubjectsAsync("acme", "Reminder:"));
    }

    [Fact]
    public async Task A_cancelled_change_drops_its_moments_and_sends_none()
    {
        await world.SeedAsync("acme", contacts: 2);
        var change = await ApprovedAsync("acme");
        await DeliverAllAsync();

        await world.Changes.ApplyAsync(change.ChangeId, ChangeAction.Cancel, "omar", change.Version, new ChangeActionRequest { Reason = "Vendor delay" }, default);
        await DeliverAllAsync();

        Assert.Empty(await ScheduleKeysAsync());
        Assert.Equal(0, await AtAsync(change.ImplementationEnd!.Value.AddHours(2)));
        Assert.Empty(await SubjectsAsync("acme", "Reminder:"));
        Assert.Empty(await SubjectsAsync("acme", "Started:"));
    }

    [Fact]
    public async Task A_rescheduled_change_moves_its_moments_to_the_new_window()
    {
        await world.SeedAsync("acme", contacts: 1);
        var change = await ApprovedAsync("acme");
        await DeliverAllAsync();
        var oldStart = change.ImplementationStart!.Value;
        var moved = change with { ImplementationStart = oldStart.AddDays(2), ImplementationEnd = oldStart.AddDays(2).AddHours(1) };

        var resubmitted = (await world.Changes.UpdateAsync(change.ChangeId, change.Version, moved, "tester", default)).Change;
        Assert.Equal(ChangeStatus.Submitted, resubmitted.Status);
        Assert.Empty(await ScheduleKeysAsync());
        var approved = (await world.Changes.ApplyAsync(change.ChangeId, ChangeAction.Approve, "omar", resubmitted.Version, default)).Change;
        await DeliverAllAsync();

        Assert.Equal(0, await AtAsync(oldStart.AddHours(-1)));
        Assert.Equal(0, await AtAsync(oldStart));
        Assert.Equal(1, await AtAsync(oldStart.AddDays(2).AddHours(-24)));
        Assert.Equal(1, await AtAsync(oldStart.AddDays(2)));
        var reminders = await world.Adapters.Ledger.ListAsync(change.ChangeId, "acme", default);
        Assert.All(reminders.Where(r => r.Key.Kind is NotificationKind.ReminderDayBefore or NotificationKind.WindowStarted),
            r => Assert.Equal(approved.Version, r.Key.Version));
        Assert.Single(await SubjectsAsync("acme", "Reminder:"));
        Assert.Single(await SubjectsAsync("acme", "Started:"));
    }

    [Fact]
    public async Task A_change_marked_complete_before_its_end_gets_no_window_ended_notice()
    {
        await world.SeedAsync("acme", contacts: 1);
        var change = await ApprovedAsync("acme");
        await DeliverAllAsync();
        await AtAsync(change.ImplementationStart!.Value.AddMinutes(10));
        await world.Changes.ApplyAsync(change.ChangeId, ChangeAction.Complete, "tester", null, default);
        await DeliverAllAsync();

        Assert.Equal(0, await AtAsync(change.ImplementationEnd!.Value.AddHours(1)));

        Assert.Empty(await SubjectsAsync("acme", "Window ended:"));
        Assert.Single(await SubjectsAsync("acme", "Completed:"));
        Assert.Empty(await ScheduleKeysAsync());
    }

    [Fact]
    public async Task A_sweep_that_runs_late_sends_no_reminder_for_a_window_that_has_started()
    {
        await world.SeedAsync("acme", contacts: 1);
        var change = await ApprovedAsync("acme");
        await DeliverAllAsync();

        Assert.Equal(1, await AtAsync(change.ImplementationStart!.Value.AddMinutes(5)));

        Assert.Empty(await SubjectsAsync("acme", "Reminder:"));
        Assert.Single(await SubjectsAsync("acme", "Started:"));
    }

    [Fact]
    public async Task A_reminder_that_reaches_the_worker_after_the_change_was_cancelled_is_not_sent()
    {
        await world.SeedAsync("acme", contacts: 1);
        var change = await ApprovedAsync("acme");
        await DeliverAllAsync();
        clock.AdvanceTo(change.ImplementationStart!.Value.AddHours(-1));
        await world.Changes.SendDueRemindersAsync(default);
        var reminder = await TakeMomentAsync("acme", "reminder-1h");
        await world.Changes.ApplyAsync(change.ChangeId, ChangeAction.Cancel, "omar", null, new ChangeActionRequest { Reason = "Rolled into another change" }, default);
        var (processor, _) = world.Engine();

        var outcome = await processor.ProcessAsync("acme", reminder.MessageId, reminder.Body, DeliveryOptions.Send, default);

        Assert.Contains("is cancelled, not approved; its reminder-1h notice is not sent", Assert.IsType<MessageOutcome.Completed>(outcome).Description);
        Assert.Empty(await SubjectsAsync("acme", "Reminder:"));
    }
}
