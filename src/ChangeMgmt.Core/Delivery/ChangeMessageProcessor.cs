using ChangeMgmt.Core.Changes;
using ChangeMgmt.Core.Configuration;
using ChangeMgmt.Core.Messages;
using ChangeMgmt.Core.Ports;
using Microsoft.Extensions.Logging;

namespace ChangeMgmt.Core.Delivery;

/// <summary>
/// One queue message → the notifications it stands for. Checks that each trigger's customer is
/// configured and is the customer of the queue the message came from, loads the change from the
/// archive (the source of truth) and hands it to the notifier.
/// </summary>
public sealed class ChangeMessageProcessor(LoadedConfig config, IObjectStore store, ChangeNotifier notifier, ILogger<ChangeMessageProcessor> log)
{
    /// <param name="queueCustomer">The customer whose queue delivered the message; null when it is not known (pipeline input).</param>
    public async Task<MessageOutcome> ProcessAsync(string? queueCustomer, string messageId, string body, DeliveryOptions options, CancellationToken ct)
    {
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
                    outcomes.Add(await ProcessTriggerAsync(queueCustomer, trigger, options, ct));
                return Combine(outcomes);
            default:
                throw new InvalidOperationException("Unknown message kind.");
        }
    }

    private async Task<MessageOutcome> ProcessTriggerAsync(string? queueCustomer, ChangeTrigger trigger, DeliveryOptions options, CancellationToken ct)
    {
        if (config.Config.FindCustomer(trigger.CustomerCode) is not { } customer)
            return new MessageOutcome.Poison($"{trigger.Key}: customer '{trigger.CustomerCode}' is not in customer_mappings.");
        if (queueCustomer is not null && queueCustomer != trigger.CustomerCode)
            return new MessageOutcome.Poison($"{trigger.Key}: names customer '{trigger.CustomerCode}' but came from the queue of '{queueCustomer}'.");

        var stored = await store.GetAsync(StorageLayout.Archive(trigger.ChangeId), ct);
        if (stored is null)
            return new MessageOutcome.Poison($"{trigger.Key}: {StorageLayout.Archive(trigger.ChangeId)} does not exist.");
        Change change;
        try { change = ChangeJson.Deserialize(stored.Content, stored.Key); }
        catch (InvalidDataException ex) { return new MessageOutcome.Poison(ex.Message); }

        if (!change.Customers.Contains(customer.CustomerCode))
            return new MessageOutcome.Completed($"{change.ChangeId} no longer includes {customer.CustomerCode}; nothing sent.", []);
        return await NotifyAsync(customer, change, trigger, options with { Resume = trigger.Resume }, ct);
    }

    private async Task<MessageOutcome> NotifyAsync(CustomerConfig customer, Change change, ChangeTrigger trigger, DeliveryOptions options, CancellationToken ct)
    {
        try
        {
            var delivery = await notifier.NotifyAsync(customer, change, options, ct);
            if (delivery.Complete) return new MessageOutcome.Completed(delivery.Summary(), [delivery]);
            // A continuation only after progress: a deadline too close to reach any recipient is retried like any failure.
            return delivery.Continuation is { } cursor && delivery.Notifications.Any(n => n.Sent > 0 || n.AlreadySent > 0)
                ? new MessageOutcome.Continue($"{customer.CustomerCode} {change.ChangeId}: {delivery.Summary()}", [ContinuationMessage.Create(trigger, cursor)], [delivery])
                : new MessageOutcome.Retry($"{customer.CustomerCode} {change.ChangeId}: {delivery.Summary()}");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            log.LogError(ex, "{CustomerCode} {ChangeId}: delivery failed: {Reason}", customer.CustomerCode, change.ChangeId, ex.Message);
            return new MessageOutcome.Retry($"{customer.CustomerCode} {change.ChangeId}: {ex.Message}");
        }
    }

    /// <summary>
    /// Several records in one message: retry wins (nothing is lost), then continue (the continuations carry
    /// the unfinished triggers; a poison one is dead-lettered when its continuation runs), then poison, else done.
    /// </summary>
    private static MessageOutcome Combine(IReadOnlyList<MessageOutcome> outcomes)
    {
        if (outcomes.Count == 1) return outcomes[0];
        var retries = outcomes.OfType<MessageOutcome.Retry>().ToList();
        if (retries.Count > 0) return new MessageOutcome.Retry(string.Join(" | ", retries.Select(r => r.Description)));
        var continued = outcomes.OfType<MessageOutcome.Continue>().ToList();
        if (continued.Count > 0)
            return new MessageOutcome.Continue(string.Join(" | ", outcomes.Select(o => o.Description)), [.. continued.SelectMany(c => c.Continuations)],
                [.. outcomes.SelectMany(o => o switch { MessageOutcome.Continue c => c.Deliveries, MessageOutcome.Completed d => d.Deliveries, _ => [] })]);
        var poison = outcomes.OfType<MessageOutcome.Poison>().ToList();
        if (poison.Count > 0) return new MessageOutcome.Poison(string.Join(" | ", poison.Select(p => p.Description)));
        var done = outcomes.Cast<MessageOutcome.Completed>().ToList();
        return new MessageOutcome.Completed(string.Join(" | ", done.Select(d => d.Description)), [.. done.SelectMany(d => d.Deliveries)]);
    }
}
