using System.Net.Mail;
using ChangeMgmt.Core.Delivery;
using ChangeMgmt.Core.Ports;
using Microsoft.Extensions.Logging;

namespace ChangeMgmt.Core.Feedback;

/// <summary>
/// What one feedback message did: what to do with the message, the outcomes that moved, and the repeats of a bounce or
/// complaint already recorded (acted on again, harmlessly, so that a hygiene action a failure cut short is finished).
/// </summary>
public sealed record FeedbackResult(MessageOutcome Outcome, IReadOnlyList<RecipientOutcomeChange> Changes, IReadOnlyList<RecipientOutcomeChange>? Repeats = null);

/// <summary>
/// Records SES events on the ledger: the tags on every send (customer, change, notification, version) and the
/// recipient name the delivery record, the SES message id confirms it, and one conditional write per recipient
/// moves its outcome (never down). Events for messages that are not ours are ignored with the reason logged;
/// a body no parser reads is poison (the caller keeps it as a dead letter). The outcomes that moved are then
/// acted on by <see cref="Hygiene"/>, once each.
/// </summary>
public sealed class FeedbackProcessor(IDeliveryOutcomes outcomes, ILogger<FeedbackProcessor> log)
{
    /// <summary>Applies the customers' bounce policies to the contacts whose outcome moved; none acts without it.</summary>
    public ContactHygiene? Hygiene { get; init; }

    public async Task<FeedbackResult> ProcessAsync(string messageId, string body, CancellationToken ct)
    {
        switch (SesEventParser.Parse(body))
        {
            case SesEventParse.DeadLetter dead:
                return new(new MessageOutcome.Poison(dead.Reason), []);
            case SesEventParse.Ignored ignored:
                log.LogInformation("Feedback message {MessageId} ignored: {Reason}", messageId, ignored.Reason);
                return new(new MessageOutcome.Completed(ignored.Reason, []), []);
            case SesEventParse.Parsed { Event: var e }:
                var result = await RecordAsync(messageId, e, ct);
                return Hygiene is null ? result : await ApplyHygieneAsync(result, ct);
            default:
                throw new InvalidOperationException("Unknown parse result.");
        }
    }

    /// <summary>
    /// A hygiene action that failed (SES throttled or down) makes the message come back: the outcome is recorded
    /// already, so the next receive finds it Unchanged and, as a repeat, acts again. Nothing is lost.
    /// </summary>
    private async Task<FeedbackResult> ApplyHygieneAsync(FeedbackResult result, CancellationToken ct)
    {
        var done = await Hygiene!.ApplyAsync([.. result.Changes, .. result.Repeats ?? []], ct);
        var failed = done.Where(r => r.Failure is not null).ToList();
        if (failed.Count == 0 || result.Outcome is not MessageOutcome.Completed) return result;
        return result with
        {
            Outcome = new MessageOutcome.Retry($"Contact hygiene failed for {string.Join("; ", failed.Select(f => $"{f.CustomerCode} {f.EmailAddress}: {f.Failure}"))}; the event comes back to finish it."),
        };
    }

    private async Task<FeedbackResult> RecordAsync(string messageId, SesEvent e, CancellationToken ct)
    {
        if (RecipientOutcomes.Of(e) is not { } outcome)
            return Done($"SES {e.Kind} for message {e.MessageId} changes no outcome.", []);
        if (e is not { Customer: { } customer, ChangeId: { } changeId, Notification: { } kind, Version: { } version })
        {
            log.LogInformation("Feedback message {MessageId}: SES {Kind} for {SesMessageId} carries no customer/change/notification/version tags (not a change notice, or sent before feedback): ignored",
                messageId, e.Kind, e.MessageId);
            return Done($"SES {e.Kind} for {e.MessageId} is not for a change notice.", []);
        }

        var changes = new List<RecipientOutcomeChange>();
        var repeats = new List<RecipientOutcomeChange>();
        var notRecorded = new List<string>();
        foreach (var recipient in e.Recipients)
        {
            var key = new DeliveryKey(customer, changeId, kind, version, AddressOf(recipient.Address));
            var feedback = new RecipientFeedback(outcome, e.OccurredAt, Detail(e, recipient));
            switch (await outcomes.RecordAsync(key, e.MessageId, feedback, ct))
            {
                case FeedbackApplied.Changed: changes.Add(new(key, e.MessageId, feedback, e)); break;
                case FeedbackApplied.Unchanged when ContactHygiene.ActsOn(outcome): repeats.Add(new(key, e.MessageId, feedback, e)); break;
                case FeedbackApplied.NotRecorded: notRecorded.Add(key.Recipient); break;
            }
        }
        // No record of this send at all (a claim left Sending or Failed is confirmed Sent by the ledger itself): let the
        // message come back; after the queue's receives it is dead-lettered with this reason (a message of another
        // sender that copied our tags).
        if (notRecorded.Count > 0)
            return new(new MessageOutcome.Retry($"No delivery of {customer} {changeId} {kind} v{version} to {string.Join(", ", notRecorded)} is recorded with SES message {e.MessageId} (yet)."), changes, repeats);
        return new(new MessageOutcome.Completed($"SES {e.Kind} for {e.MessageId}: {changes.Count} outcome(s) changed.", []), changes, repeats);
    }

    private static FeedbackResult Done(string description, IReadOnlyList<RecipientOutcomeChange> changes) =>
        new(new MessageOutcome.Completed(description, []), changes);

    /// <summary>The bare address of a destination SES may report as <c>Name &lt;address&gt;</c>.</summary>
    private static string AddressOf(string recipient) =>
        MailAddress.TryCreate(recipient, out var parsed) ? parsed.Address : recipient;

    /// <summary>The remote words worth showing next to the outcome.</summary>
    private static string? Detail(SesEvent e, SesRecipient recipient)
    {
        string?[] parts = e.Kind switch
        {
            SesEventKind.Bounce => [e.BounceType?.ToString(), e.BounceSubType, recipient.Status, recipient.DiagnosticCode],
            SesEventKind.DeliveryDelay => [e.DelayType, recipient.Status, recipient.DiagnosticCode],
            SesEventKind.Complaint => [e.ComplaintFeedbackType],
            SesEventKind.Reject => [e.RejectReason],
            SesEventKind.RenderingFailure => [e.FailureMessage],
            _ => [],
        };
        var detail = string.Join("; ", parts.Where(p => !string.IsNullOrWhiteSpace(p)));
        return detail.Length == 0 ? null : detail;
    }
}
