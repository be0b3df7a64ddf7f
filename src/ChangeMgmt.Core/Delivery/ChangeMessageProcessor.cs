using ChangeMgmt.Core.Announcements;
using ChangeMgmt.Core.Customers;
using ChangeMgmt.Core.Changes;
using ChangeMgmt.Core.Configuration;
using ChangeMgmt.Core.Messages;
using ChangeMgmt.Core.Ports;
using ChangeMgmt.Core.Reminders;
using Microsoft.Extensions.Logging;

namespace ChangeMgmt.Core.Delivery;

/// <summary>
/// One queue message → the notifications it stands for. Checks that each trigger's customer is
/// configured and is the customer of the queue the message came from, loads the change or announcement from the
/// archive (the source of truth; its <c>object_type</c> tells which) and hands it to the notifier. A failed attempt from a queue is recorded
/// (<see cref="DeliveryAttempts"/>) with its receive number and reason, and cleared by a later success.
/// </summary>
public sealed class ChangeMessageProcessor(LoadedConfig config, IObjectStore store, ChangeNotifier notifier, ILogger<ChangeMessageProcessor> log, TimeProvider? time = null)
{
    /// <param name="queueCustomer">The customer whose queue delivered the message; null when it is not known (pipeline input).</param>
    /// <param name="attempt">Which receive this is; null when the message did not come from a queue (nothing is recorded then).</param>
    public async Task<MessageOutcome> ProcessAsync(string? queueCustomer, string messageId, string body, DeliveryOptions options, CancellationToken ct, MessageAttempt? attempt = null)
    {
        var receipt = new Receipt(messageId, options.DryRun ? null : attempt);
        switch (ChangeMessageParser.Parse(body))
        {
            case ParsedMessage.TestEvent:
                return new MessageOutcome.Completed("s3:TestEvent acknowledged", []);
            case ParsedMessage.NothingToDo nothing:
                return new MessageOutcome.Completed(nothing.Reason, []);
            case ParsedMessage.Malformed malformed:
                log.LogWarning("Message {MessageId} from queue {Queue} is malformed: {Reason}", messageId, queueCustomer, malformed.Reason);
                return new MessageOutcome.Poison(malformed.Reason);
            case ParsedMessage.Triggers triggers:
                var outcomes = new List<MessageOutcome>();
                foreach (var trigger in triggers.Items)
                    outcomes.Add(await ProcessTriggerAsync(queueCustomer, trigger, receipt, options, ct));
                return Combine(outcomes);
            default:
                throw new InvalidOperationException("Unknown message kind.");
        }
    }

    private async Task<MessageOutcome> ProcessTriggerAsync(string? queueCustomer, ChangeTrigger trigger, Receipt receipt, DeliveryOptions options, CancellationToken ct)
    {
        if (config.Config.FindCustomer(trigger.CustomerCode) is not { } customer)
            return new MessageOutcome.Poison($"{trigger.Key}: customer '{trigger.CustomerCode}' is not in customer_mappings.");
        if (queueCustomer is not null && queueCustomer != trigger.CustomerCode)
            return new MessageOutcome.Poison($"{trigger.Key}: names customer '{trigger.CustomerCode}' but came from the queue of '{queueCustomer}'.");

        StoredObject? stored;
        try { stored = await store.GetAsync(StorageLayout.Archive(trigger.ChangeId), ct); }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return await FailedAttemptAsync(trigger.CustomerCode, trigger.ChangeId, null, $"{StorageLayout.Archive(trigger.ChangeId)} could not be read: {ex.Message}", receipt, ct);
        }
        if (stored is null)
            return new MessageOutcome.Poison($"{trigger.Key}: {StorageLayout.Archive(trigger.ChangeId)} does not exist.");
        var dispatch = StoredObjectKind.Of(stored.Content) == ObjectKind.Announcement ? AnnouncementNotice(customer, stored)
            : ChangeNotice(customer, stored, trigger.Moment);
        return dispatch switch
        {
            Dispatch.Deliver deliver => await NotifyAsync(customer, deliver.Notice, trigger, receipt, options with { Resume = trigger.Resume }, ct),
            Dispatch.Skip skip => new MessageOutcome.Completed(skip.Reason, []),
            Dispatch.Refuse refuse => new MessageOutcome.Poison(refuse.Reason),
            _ => throw new InvalidOperationException("Unknown dispatch."),
        };
    }

    /// <summary>The change's notice: of its status, or the timed one its trigger names.</summary>
    private Dispatch ChangeNotice(CustomerConfig customer, StoredObject stored, ChangeMoment? moment)
    {
        Change change;
        try { change = ChangeJson.Deserialize(stored.Content, stored.Key); }
        catch (InvalidDataException ex) { return new Dispatch.Refuse(ex.Message); }
        return moment is { } timed ? MomentNotice(customer, change, timed) : StatusNotice(customer, change);
    }

    private Dispatch StatusNotice(CustomerConfig customer, Change change)
    {
        // A customer removed after it was told gets its cancellation once: under the version that removed it.
        if (change.WithdrawalOf(customer.CustomerCode) is { } withdrawn)
            change = change with { Version = withdrawn.Version };
        else if (!change.Customers.Contains(customer.CustomerCode))
            return new Dispatch.Skip($"{change.ChangeId} no longer includes {customer.CustomerCode}; nothing sent.");
        return new Dispatch.Deliver(notifier.NoticeOf(change));
    }

    /// <summary>
    /// A timed notice is sent only while it is true: the change still approved and including the customer, the moment on
    /// in the customer's settings, and not overtaken (no reminder once the window started).
    /// </summary>
    private Dispatch MomentNotice(CustomerConfig customer, Change change, ChangeMoment moment)
    {
        var settings = ReminderConfig.For(config.Config, customer);
        var skipped = change switch
        {
            { Status: not ChangeStatus.Approved } or { DeletedAt: not null } => $"is {change.Status.ToString().ToLowerInvariant()}, not approved",
            _ when !change.Customers.Contains(customer.CustomerCode) => $"no longer includes {customer.CustomerCode}",
            _ when !moment.IsOn(settings) => $"has its {moment.Name()} notice turned off for {customer.CustomerCode} (reminders)",
            _ when !moment.IsTimely(change, (time ?? TimeProvider.System).GetUtcNow()) => $"is past its {moment.Name()} notice (the window moved on)",
            _ => null,
        };
        return skipped is null
            ? new Dispatch.Deliver(notifier.NoticeOf(change, moment, settings))
            : new Dispatch.Skip($"{change.ChangeId} {skipped}; its {moment.Name()} notice is not sent.");
    }

    private Dispatch AnnouncementNotice(CustomerConfig customer, StoredObject stored)
    {
        Announcement announcement;
        try { announcement = AnnouncementJson.Deserialize(stored.Content, stored.Key); }
        catch (InvalidDataException ex) { return new Dispatch.Refuse(ex.Message); }

        if (!announcement.Customers.Contains(customer.CustomerCode))
            return new Dispatch.Skip($"{announcement.AnnouncementId} no longer includes {customer.CustomerCode}; nothing sent.");
        return AnnouncementTypes.Find(config.Config, announcement.AnnouncementType ?? "") is { } type
            ? new Dispatch.Deliver(notifier.NoticeOf(announcement, type))
            : new Dispatch.Refuse($"{stored.Key}: the announcement type '{announcement.AnnouncementType}' is not configured (config.json announcement_types).");
    }

    private async Task<MessageOutcome> NotifyAsync(CustomerConfig customer, INotice notice, ChangeTrigger trigger, Receipt receipt, DeliveryOptions options, CancellationToken ct)
    {
        CustomerDelivery delivery;
        try
        {
            delivery = await notifier.NotifyAsync(customer, notice, options, ct);
        }
        catch (ContactListMissingException missing)
        {
            // A setup error, recorded as the notifications' failed outcomes with its fix: retrying the message cannot help.
            return await NotDeliveredUntilFixedAsync(customer.CustomerCode, notice.Id, missing.Message, receipt, [], ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            log.LogError(ex, "{CustomerCode} {ChangeId}: delivery failed: {Reason}", customer.CustomerCode, notice.Id, ex.Message);
            return await FailedAttemptAsync(customer.CustomerCode, notice.Id, notice.Version, ex.Message, receipt, ct);
        }
        if (delivery.Complete)
        {
            await ClearAttemptAsync(customer.CustomerCode, notice.Id, receipt, ct);
            return new MessageOutcome.Completed(delivery.Summary(), [delivery]);
        }
        if (delivery.NeedsFix)
            return await NotDeliveredUntilFixedAsync(customer.CustomerCode, notice.Id, delivery.FailureReason(), receipt, [delivery], ct);
        if (delivery.WaitsForOthers)
            return new MessageOutcome.Wait($"{customer.CustomerCode} {notice.Id}: {delivery.Summary()}", options.ClaimLease);
        // A continuation only after progress: a deadline too close to reach any recipient is retried like any failure.
        if (delivery.Continuation is { } cursor && delivery.Notifications.Any(n => n.Sent > 0 || n.AlreadySent > 0))
            return new MessageOutcome.Continue($"{customer.CustomerCode} {notice.Id}: {delivery.Summary()}", [ContinuationMessage.Create(trigger, cursor)], [delivery]);
        return await FailedAttemptAsync(customer.CustomerCode, notice.Id, notice.Version, delivery.FailureReason(), receipt, ct);
    }

    /// <summary>The message is done: its notifications recorded the setup error with the fix, and a retry of the delivery follows the fix.</summary>
    private async Task<MessageOutcome> NotDeliveredUntilFixedAsync(string customerCode, string changeId, string reason, Receipt receipt, IReadOnlyList<CustomerDelivery> deliveries, CancellationToken ct)
    {
        await ClearAttemptAsync(customerCode, changeId, receipt, ct);
        return new MessageOutcome.Completed($"{customerCode} {changeId}: not delivered until fixed: {reason}", deliveries);
    }

    /// <summary>A message from a queue that is done removes its earlier failed attempt, so the status reads what happened last.</summary>
    private Task ClearAttemptAsync(string customerCode, string changeId, Receipt receipt, CancellationToken ct) =>
        receipt.Attempt is null ? Task.CompletedTask
            : BestEffortAsync(customerCode, changeId, "clear the failed attempt", t => DeliveryAttempts.ClearAsync(store, changeId, customerCode, t), ct);

    /// <summary>Notes the failed attempt where the delivery status reads it, and asks for another.</summary>
    private async Task<MessageOutcome> FailedAttemptAsync(string customerCode, string changeId, int? version, string reason, Receipt receipt, CancellationToken ct)
    {
        if (receipt.Attempt is { } attempt)
        {
            var record = new DeliveryAttempt(customerCode, changeId, version, attempt.Number, attempt.Of, reason, receipt.MessageId, (time ?? TimeProvider.System).GetUtcNow());
            await BestEffortAsync(customerCode, changeId, "record the failed attempt", t => DeliveryAttempts.RecordAsync(store, record, t), ct);
        }
        return new MessageOutcome.Retry($"{customerCode} {changeId}: {reason}");
    }

    /// <summary>The attempt's record is bookkeeping: failing to write it must not change what happens to the message.</summary>
    private async Task BestEffortAsync(string customerCode, string changeId, string what, Func<CancellationToken, Task> write, CancellationToken ct)
    {
        try { await write(ct); }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            log.LogWarning("{CustomerCode} {ChangeId}: could not {What}: {Reason}", customerCode, changeId, what, ex.Message);
        }
    }

    /// <summary>
    /// Several records in one message: retry wins (nothing is lost), then waiting for another process (the whole
    /// message comes back, so no record is dropped), then continue (the continuations carry the unfinished
    /// triggers; a poison one is dead-lettered when its continuation runs), then poison, else done.
    /// </summary>
    private static MessageOutcome Combine(IReadOnlyList<MessageOutcome> outcomes)
    {
        if (outcomes.Count == 1) return outcomes[0];
        var retries = outcomes.OfType<MessageOutcome.Retry>().ToList();
        if (retries.Count > 0) return new MessageOutcome.Retry(string.Join(" | ", retries.Select(r => r.Description)));
        var waits = outcomes.OfType<MessageOutcome.Wait>().ToList();
        if (waits.Count > 0) return new MessageOutcome.Wait(string.Join(" | ", waits.Select(w => w.Description)), waits.Max(w => w.Delay));
        var continued = outcomes.OfType<MessageOutcome.Continue>().ToList();
        if (continued.Count > 0)
            return new MessageOutcome.Continue(string.Join(" | ", outcomes.Select(o => o.Description)), [.. continued.SelectMany(c => c.Continuations)],
                [.. outcomes.SelectMany(o => o switch { MessageOutcome.Continue c => c.Deliveries, MessageOutcome.Completed d => d.Deliveries, _ => [] })]);
        var poison = outcomes.OfType<MessageOutcome.Poison>().ToList();
        if (poison.Count > 0) return new MessageOutcome.Poison(string.Join(" | ", poison.Select(p => p.Description)));
        var done = outcomes.Cast<MessageOutcome.Completed>().ToList();
        return new MessageOutcome.Completed(string.Join(" | ", done.Select(d => d.Description)), [.. done.SelectMany(d => d.Deliveries)]);
    }

    private sealed record Receipt(string MessageId, MessageAttempt? Attempt);

    /// <summary>What the archive object asks for: a notice to deliver, nothing for this customer, or a document that can never be delivered.</summary>
    private abstract record Dispatch
    {
        public sealed record Deliver(INotice Notice) : Dispatch;
        public sealed record Skip(string Reason) : Dispatch;
        public sealed record Refuse(string Reason) : Dispatch;
    }
}
