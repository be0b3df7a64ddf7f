using ChangeMgmt.Core.Messages;
using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Core.Delivery;

/// <summary>
/// A message that will not be delivered without help: kept by us with its reason (<see cref="Location"/>
/// "dead-letters"), or moved by the queue after its last receive ("queue DLQ"), with the last failed attempt's reason.
/// </summary>
public sealed record DeadLetterEntry(string? CustomerCode, string MessageId, string? ChangeId, string Reason, DateTimeOffset At, string Location, string Body);

/// <summary>What a redrive sent back to one customer's queue.</summary>
public sealed record RedriveResult(string CustomerCode, int Redriven, IReadOnlyList<string> ChangeIds);

/// <summary>Both kinds of dead letter, read and redriven in one place (cmdlets, API).</summary>
public sealed class DeadLetters(IChangeQueue queue, IDeadLetterStore store, IObjectStore objects)
{
    public const string KeptLocation = "dead-letters";
    public const string QueueLocation = "queue DLQ";

    /// <summary>
    /// Whose dead letters the SES events no parser reads are (from the MSP's <c>changemgmt-ses-events</c> queue, or any queue that
    /// is no customer's): no customer code can start with an underscore, so it is never a customer's, and it is never redriven.
    /// </summary>
    public const string SesEventsCustomer = "_ses-events";

    /// <summary>The given customers' dead letters, oldest first; only those naming <paramref name="changeId"/> when it is given.</summary>
    public async Task<IReadOnlyList<DeadLetterEntry>> ListAsync(IEnumerable<string> customerCodes, string? changeId, CancellationToken ct)
    {
        var entries = new List<DeadLetterEntry>();
        foreach (var code in customerCodes)
        {
            foreach (var letter in await store.ListAsync(code, ct))
                entries.Add(Entry(letter, KeptLocation, letter.Reason));
            foreach (var letter in await queue.ListDeadLetteredAsync(code, ct))
                entries.Add(Entry(letter, QueueLocation, await LastReasonAsync(letter, ct)));
        }
        return [.. entries.Where(e => changeId is null || e.ChangeId == changeId).OrderBy(e => e.At)];
    }

    /// <summary>The dead letters we kept for no configured customer (<see cref="SesEventsCustomer"/>, letters kept before it existed, removed customers), oldest first.</summary>
    public async Task<IReadOnlyList<DeadLetterEntry>> ListUnassignedAsync(Func<string, bool> isConfigured, CancellationToken ct) =>
        [.. (await store.ListAsync(null, ct)).Where(l => l.CustomerCode is null || !isConfigured(l.CustomerCode)).Select(l => Entry(l, KeptLocation, l.Reason)).OrderBy(e => e.At)];

    /// <summary>
    /// Sends every dead letter of the customer back to its queue (kept ones as new messages, then forgotten;
    /// the queue's own moved back) and clears their changes' failed attempts, so the status reads queued again.
    /// </summary>
    public async Task<RedriveResult> RedriveAsync(string customerCode, CancellationToken ct)
    {
        var redriven = new List<DeadLetter>();
        foreach (var letter in await store.ListAsync(customerCode, ct))
        {
            await queue.SendAsync(customerCode, letter.Body, ct);
            await store.RemoveAsync(letter, ct);
            redriven.Add(letter);
        }
        redriven.AddRange(await queue.RedriveAsync(customerCode, ct));
        var changeIds = redriven.Select(l => ChangeIdOf(l)).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        foreach (var id in changeIds) await DeliveryAttempts.ClearAsync(objects, id, customerCode, ct);
        return new(customerCode, redriven.Count, changeIds);
    }

    private async Task<string> LastReasonAsync(DeadLetter letter, CancellationToken ct) =>
        ChangeIdOf(letter) is { } id && letter.CustomerCode is { } code && await DeliveryAttempts.FindAsync(objects, id, code, ct) is { } attempt
            ? $"{letter.Reason}; last failed attempt {attempt.Attempt}: {attempt.Reason}"
            : $"{letter.Reason}; no failed attempt was recorded (the worker stopped before it could note one, e.g. a timeout)";

    private static DeadLetterEntry Entry(DeadLetter letter, string location, string reason) =>
        new(letter.CustomerCode, letter.MessageId, ChangeIdOf(letter), reason, letter.At, location, letter.Body);

    /// <summary>The change a dead letter names: its first trigger of the letter's customer; null when it names none.</summary>
    public static string? ChangeIdOf(DeadLetter letter) =>
        ChangeMessageParser.Parse(letter.Body) is ParsedMessage.Triggers triggers
            ? triggers.Items.FirstOrDefault(t => letter.CustomerCode is null || t.CustomerCode == letter.CustomerCode)?.ChangeId
            : null;
}
