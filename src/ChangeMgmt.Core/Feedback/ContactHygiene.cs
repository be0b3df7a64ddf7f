using ChangeMgmt.Core.Administration;
using ChangeMgmt.Core.Configuration;
using ChangeMgmt.Core.Customers;
using ChangeMgmt.Core.Errors;
using ChangeMgmt.Core.Ports;
using Microsoft.Extensions.Logging;

namespace ChangeMgmt.Core.Feedback;

/// <summary>
/// Applies each customer's <c>bounce_policy</c> to the contacts whose outcome just moved to a permanent bounce or a
/// complaint (a transient bounce is SES's to retry, and only counted). The contact is changed through
/// <see cref="ContactService"/>, as the cmdlets change it, and marked (<see cref="FeedbackMark"/>) so the action can
/// be found and undone with Set-SesContactSubscription or Add-SesContact; each action is one log line.
/// </summary>
public sealed class ContactHygiene(ChangeMgmtConfig config, ISesAccountProvider accounts, ILogger<ContactHygiene> log)
{
    /// <summary>The outcomes a bounce policy acts on.</summary>
    public static bool ActsOn(RecipientOutcome outcome) => outcome is RecipientOutcome.BouncedPermanent or RecipientOutcome.Complained;

    public async Task<IReadOnlyList<HygieneResult>> ApplyAsync(IReadOnlyList<RecipientOutcomeChange> changes, CancellationToken ct)
    {
        // A service per batch: each list (and its topics) read as they are now, not as when the server started.
        var contacts = new ContactService(accounts);
        var results = new List<HygieneResult>();
        foreach (var change in changes.Where(c => ActsOn(c.Feedback.Outcome)))
        {
            if (config.FindCustomer(change.Delivery.CustomerCode) is not { } customer)
            {
                log.LogWarning("Contact hygiene: {CustomerCode} is not a configured customer; {EmailAddress} left as it is", change.Delivery.CustomerCode, change.Delivery.Recipient);
                continue;
            }
            results.Add(await ApplyAsync(contacts, customer, change, ct));
        }
        return results;
    }

    private async Task<HygieneResult> ApplyAsync(ContactService contacts, CustomerConfig customer, RecipientOutcomeChange change, CancellationToken ct)
    {
        var policy = BouncePolicyConfig.For(config, customer);
        var action = change.Feedback.Outcome == RecipientOutcome.Complained ? policy.Complaint : policy.PermanentBounce;
        var result = new HygieneResult(customer.CustomerCode, change.Delivery.Recipient, change.Feedback.Outcome, action, change.Delivery.ChangeId, change.Feedback.At);
        try
        {
            var found = action == HygieneAction.Remove
                ? await RemoveAsync(contacts, customer, change.Delivery.Recipient, ct)
                : await contacts.UpdateAsync(customer, change.Delivery.Recipient, (list, contact) => Apply(action, list, contact, Mark(change, action)), ct);
            result = found ? result : result with { Skipped = "not in the contact list" };
        }
        catch (Exception ex) when (IsSetupProblem(ex))
        {
            // No contact list (or its topic): there is no contact to act on, and retrying will not make one.
            log.LogWarning("Contact hygiene: {CustomerCode} {EmailAddress}: {Action} after {Outcome} of change {ChangeId} not applied: {Reason}",
                customer.CustomerCode, change.Delivery.Recipient, action, change.Feedback.Outcome, change.Delivery.ChangeId, ex.Message);
            return result with { Skipped = ex.Message };
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The event comes back (FeedbackProcessor retries it) and acts again as a repeat.
            log.LogWarning("Contact hygiene: {CustomerCode} {EmailAddress}: {Action} after {Outcome} of change {ChangeId} failed, to be retried: {Reason}",
                customer.CustomerCode, change.Delivery.Recipient, action, change.Feedback.Outcome, change.Delivery.ChangeId, ex.Message);
            return result with { Failure = ex.Message };
        }
        log.LogInformation("Contact hygiene: {CustomerCode} {EmailAddress} {Action} after {Outcome} of change {ChangeId} at {At}{Skipped}",
            result.CustomerCode, result.EmailAddress, result.Action, result.Outcome, result.ChangeId, result.At, result.Skipped is null ? "" : $" (skipped: {result.Skipped})");
        return result;
    }

    private static bool IsSetupProblem(Exception ex) =>
        ex is ContactListMissingException || ex is ServiceException { Kind: ServiceErrorKind.NotFound or ServiceErrorKind.Validation };

    private static async Task<bool> RemoveAsync(ContactService contacts, CustomerConfig customer, string emailAddress, CancellationToken ct)
    {
        try
        {
            await contacts.RemoveAsync(customer, emailAddress, ct);
            return true;
        }
        catch (ServiceException ex) when (ex.Kind == ServiceErrorKind.NotFound)
        {
            return false;
        }
    }

    /// <summary>The contact as the action leaves it; the very same contact when this send's mark is on it already (a repeat: nothing to write).</summary>
    private static SesContact Apply(HygieneAction action, SesContactList list, SesContact contact, FeedbackMark mark)
    {
        if (FeedbackMark.Read(contact.AttributesData) is { } existing && existing.SesMessageId == mark.SesMessageId && existing.Outcome == mark.Outcome && existing.Action == action)
            return contact;
        var marked = contact with { AttributesData = mark.MergeInto(contact.AttributesData) };
        return action switch
        {
            HygieneAction.OptOut => marked with { TopicPreferences = [.. list.Topics.Select(t => new TopicPreference(t.TopicName, SubscriptionStatus.OptOut))] },
            HygieneAction.UnsubscribeAll => marked with { UnsubscribeAll = true },
            _ => marked,
        };
    }

    private static FeedbackMark Mark(RecipientOutcomeChange change, HygieneAction action) => new(
        change.Feedback.Outcome, action, change.Delivery.ChangeId, change.Delivery.Kind.ToString(), change.Delivery.Version,
        change.MessageId, change.Feedback.At, change.Feedback.Detail);
}
