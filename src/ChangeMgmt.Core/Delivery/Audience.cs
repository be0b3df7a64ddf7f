using ChangeMgmt.Core.Configuration;
using ChangeMgmt.Core.Customers;
using ChangeMgmt.Core.Errors;
using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Core.Delivery;

/// <summary>One customer's contact list, contacts and suppression list, read once per change.</summary>
public sealed record Audience(SesContactList ContactList, IReadOnlyList<SesContact> Contacts, IReadOnlySet<string> Suppressed)
{
    public bool HasTopic(string topic) => ContactList.Topics.Any(t => t.TopicName == topic);

    /// <summary>
    /// Contacts opted in to the topic (their own preference, else the topic's default; never after
    /// unsubscribing from all), minus suppressed addresses, within the customer's restricted recipients if set.
    /// </summary>
    public IReadOnlyList<string> RecipientsFor(string topic, IReadOnlyCollection<string>? restrictedTo) =>
        [.. Decide(topic, restrictedTo).Where(d => d.WouldSend).Select(d => d.EmailAddress)];

    /// <summary>Every contact (each address once) with whether it receives the topic's email, and if not, why.</summary>
    public IReadOnlyList<RecipientPreview> Decide(string topic, IReadOnlyCollection<string>? restrictedTo)
    {
        var definition = ContactList.Topics.FirstOrDefault(t => t.TopicName == topic);
        if (definition is null) return [];
        var allowed = restrictedTo is { Count: > 0 } ? new HashSet<string>(restrictedTo, StringComparer.OrdinalIgnoreCase) : null;
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        return [.. Contacts.Where(c => seen.Add(c.EmailAddress)).Select(c => Decide(c, definition, allowed))];
    }

    private RecipientPreview Decide(SesContact contact, SesTopic topic, HashSet<string>? allowed)
    {
        var address = contact.EmailAddress;
        if (contact.UnsubscribeAll) return new(address, RecipientDecision.Unsubscribed, "unsubscribed from everything on the list");
        if (EffectiveStatus(contact, topic) == SubscriptionStatus.OptOut)
            return new(address, RecipientDecision.Unsubscribed, contact.TopicPreferences.Any(p => p.TopicName == topic.TopicName)
                ? $"opted out of {topic.TopicName}"
                : $"not subscribed to {topic.TopicName} (OPT_OUT by default)");
        if (Suppressed.Contains(address)) return new(address, RecipientDecision.Suppressed, "on the account's suppression list");
        if (allowed is not null && !allowed.Contains(address))
            return new(address, RecipientDecision.Restricted, "not in the customer's restricted_recipients");
        return new(address, RecipientDecision.WouldSend, null);
    }

    public static SubscriptionStatus EffectiveStatus(SesContact contact, SesTopic topic)
    {
        if (contact.UnsubscribeAll) return SubscriptionStatus.OptOut;
        var own = contact.TopicPreferences.FirstOrDefault(p => p.TopicName == topic.TopicName);
        return own?.SubscriptionStatus ?? topic.DefaultSubscriptionStatus;
    }
}

public static class AudienceReader
{
    private const int ContactsPageSize = 1000;

    public static async Task<Audience> ReadAsync(ISesAccount account, CustomerConfig customer, CancellationToken ct, ContactListNames? names = null)
    {
        var list = names is null ? await CustomerListLookup.ReadAsync(account, customer, ct) : await names.ReadAsync(account, customer, ct);
        var contacts = await ReadAllAsync(token => account.ListContactsAsync(list.ContactListName, null, ContactsPageSize, token, ct));
        var suppressed = await ReadAllAsync(token => account.ListSuppressedDestinationsAsync(token, ct));
        var suppressedSet = suppressed.Select(s => s.EmailAddress).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return new Audience(list, contacts, suppressedSet);
    }

    /// <summary>Follows NextToken to the end; a page may be empty and still carry a token.</summary>
    public static async Task<List<T>> ReadAllAsync<T>(Func<string?, Task<Page<T>>> fetch)
    {
        var all = new List<T>();
        string? token = null;
        do
        {
            var page = await fetch(token);
            all.AddRange(page.Items);
            token = page.NextToken;
        } while (!string.IsNullOrEmpty(token));
        return all;
    }
}
