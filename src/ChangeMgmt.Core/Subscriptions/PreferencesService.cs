using ChangeMgmt.Core.Administration;
using ChangeMgmt.Core.Configuration;
using ChangeMgmt.Core.Errors;
using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Core.Subscriptions;

/// <summary>One contact's own view of its subscriptions with one customer, opened by its preference token.</summary>
public sealed record ContactPreferences(CustomerConfig Customer, CustomerContact Contact, IReadOnlyList<TopicView> Topics, DateTimeOffset ExpiresAt)
{
    public bool IsOptedIn(TopicView topic) => Contact.SubscribedTopics.Contains(topic.TopicName, StringComparer.Ordinal);
}

/// <summary>Topic names a contact's preferences were given that its customer's list does not have.</summary>
public sealed class UnknownPreferenceTopicException(IReadOnlyList<string> topics)
    : Exception($"No such topic: {string.Join(", ", topics)}.");

/// <summary>
/// A recipient's own preferences page: reads and sets the topics of exactly the contact its token names, through the
/// same contact service the cmdlets use. Any token that opens nothing (not signed, expired, a customer no longer
/// configured, a contact no longer in the list) gives null alike, so the answer never tells which.
/// </summary>
public sealed class PreferencesService(LoadedConfig config, ContactService contacts, PreferenceToken tokens)
{
    public async Task<ContactPreferences?> GetAsync(string? token, CancellationToken ct) =>
        Open(token) is ({ } holder, { } customer) ? await ReadAsync(holder, customer, ct) : null;

    /// <summary>The contact opted in to exactly <paramref name="optedIn"/> (out of the list's other topics), and its unsubscribe-all set.</summary>
    public async Task<ContactPreferences?> SetAsync(string? token, IReadOnlyCollection<string> optedIn, bool unsubscribeAll, CancellationToken ct)
    {
        if (Open(token) is not ({ } holder, { } customer)) return null;
        var list = await contacts.ListOfAsync(customer, ct);
        var unknown = optedIn.Where(name => list.Topics.All(t => t.TopicName != name)).Distinct(StringComparer.Ordinal).ToList();
        if (unknown.Count > 0) throw new UnknownPreferenceTopicException(unknown);
        var found = await contacts.UpdateAsync(customer, holder.EmailAddress, (list, contact) => contact with
        {
            TopicPreferences = [.. list.Topics.Select(t => new TopicPreference(t.TopicName, optedIn.Contains(t.TopicName) ? SubscriptionStatus.OptIn : SubscriptionStatus.OptOut))],
            UnsubscribeAll = unsubscribeAll,
        }, ct);
        return found ? await ReadAsync(holder, customer, ct) : null;
    }

    private (PreferenceHolder, CustomerConfig)? Open(string? token) =>
        tokens.Read(token) is { } holder && config.Config.FindCustomer(holder.CustomerCode) is { } customer ? (holder, customer) : null;

    private async Task<ContactPreferences?> ReadAsync(PreferenceHolder holder, CustomerConfig customer, CancellationToken ct)
    {
        CustomerContact contact;
        try
        {
            contact = await contacts.GetAsync(customer, holder.EmailAddress, ct);
        }
        catch (ServiceException ex) when (ex.Kind == ServiceErrorKind.NotFound)
        {
            return null;
        }
        var list = await contacts.ListOfAsync(customer, ct);
        var topics = list.Topics.Select(t => TopicView.FromLive(customer.CustomerCode, list.ContactListName, t, config.Topics)).ToList();
        return new(customer, contact, topics, holder.ExpiresAt);
    }
}
