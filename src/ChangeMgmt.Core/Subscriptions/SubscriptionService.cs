using System.Text.Json.Serialization;
using ChangeMgmt.Core.Administration;
using ChangeMgmt.Core.Configuration;
using ChangeMgmt.Core.Errors;
using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Core.Subscriptions;

public sealed record ContactPage(IReadOnlyList<SubscriptionContact> Items, [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? NextPageToken);

/// <summary>
/// One customer's contacts and topic preferences, as the customer manages them, over the services the cmdlets use
/// (<see cref="ContactService"/>, <see cref="SuppressionService"/>). Each operation reads the list afresh (a topic
/// sync shows at once); a contact removed is backed up with its list first.
/// </summary>
public sealed class SubscriptionService(ISesAccountProvider accounts, SubscriptionBackups backups)
{
    /// <summary>Contacts read from SES per page when filtering by address (SES cannot: every page is read).</summary>
    public const int FilterFetch = 1000;
    public const int MaxPageSize = 1000;

    private readonly SuppressionService _suppression = new(accounts);

    /// <summary>
    /// A page of contacts (<paramref name="q"/>: address substring, case-insensitive; <paramref name="topic"/>: those
    /// opted in to it). Suppression comes from one ListSuppressedDestinations walk, not a GetSuppressedDestination per
    /// contact: one call for up to 1,000 suppressed addresses against up to a page size of calls, at one a second.
    /// </summary>
    public async Task<ContactPage> ListAsync(CustomerConfig customer, string? q, string? topic, int pageSize, string? pageToken, CancellationToken ct)
    {
        var contacts = new ContactService(accounts);
        var filter = topic is null ? null : new ContactFilter(SubscriptionStatus.OptIn, topic);
        if (topic is not null) await contacts.RequireTopicsAsync(customer, [topic], ct);
        var at = ContactPageToken.Decode(pageToken, string.IsNullOrEmpty(q) ? pageSize : FilterFetch)
            ?? throw new ServiceException(ServiceErrorKind.Validation, "pageToken is not one this server gave.", customer.CustomerCode, errorCode: "BadPageToken");
        var found = new List<CustomerContact>();
        string? next = null;
        while (true)
        {
            var page = await contacts.PageAsync(customer, filter, at.Fetch, at.Ses, ct);
            var i = at.Skip;
            for (; i < page.Items.Count && found.Count < pageSize; i++)
                if (string.IsNullOrEmpty(q) || page.Items[i].EmailAddress.Contains(q, StringComparison.OrdinalIgnoreCase)) found.Add(page.Items[i]);
            if (found.Count == pageSize && i < page.Items.Count) { next = (at with { Skip = i }).Encode(); break; }
            if (string.IsNullOrEmpty(page.NextToken)) break;
            at = new ContactPageToken(page.NextToken, 0, at.Fetch);
            if (found.Count == pageSize) { next = at.Encode(); break; }
        }
        var list = await contacts.ListOfAsync(customer, ct);
        var suppressed = found.Count == 0 ? [] : await SuppressedAsync(customer, ct);
        return new([.. found.Select(c => SubscriptionContact.From(list, c, suppressed.GetValueOrDefault(c.EmailAddress)))], next);
    }

    public Task<SubscriptionContact> GetAsync(CustomerConfig customer, string email, CancellationToken ct) =>
        ViewAsync(customer, new ContactService(accounts), email, ct);

    /// <summary>Topics named are opted in; the others keep the topic's default.</summary>
    public async Task<SubscriptionContact> AddAsync(CustomerConfig customer, string email, IReadOnlyList<string> topics, CancellationToken ct)
    {
        RequireEmail(customer, email);
        var contacts = new ContactService(accounts);
        await contacts.AddAsync(customer, email, [.. topics.Distinct().Select(t => new TopicPreference(t, SubscriptionStatus.OptIn))], false, ct);
        return await ViewAsync(customer, contacts, email, ct);
    }

    /// <summary>Topics named are opted in, every other topic of the list opted out; only when <paramref name="ifMatch"/> is the contact's ETag.</summary>
    public async Task<SubscriptionContact> SetAsync(CustomerConfig customer, string email, IReadOnlyList<string> topics, bool unsubscribeAll, string ifMatch, CancellationToken ct)
    {
        var contacts = new ContactService(accounts);
        await contacts.RequireTopicsAsync(customer, topics, ct);
        var found = await contacts.UpdateAsync(customer, email, (list, existing) =>
        {
            RequireETag(CustomerContact.From(customer.CustomerCode, list, existing), ifMatch);
            return existing with { TopicPreferences = Preferences(list, topics), UnsubscribeAll = unsubscribeAll };
        }, ct);
        if (!found) throw new SubscriptionContactNotFoundException(customer.CustomerCode, email);
        return await ViewAsync(customer, contacts, email, ct);
    }

    /// <summary>Removes the contact when <paramref name="ifMatch"/> is its ETag, after backing up the list; the backup's key.</summary>
    public async Task<string> RemoveAsync(CustomerConfig customer, string email, string ifMatch, string reason, CancellationToken ct)
    {
        var contacts = new ContactService(accounts);
        RequireETag(await FindAsync(customer, contacts, email, ct), ifMatch);
        var backup = await backups.TakeAsync(customer, (await contacts.ListOfAsync(customer, ct)).ContactListName, reason, ct);
        await contacts.RemoveAsync(customer, email, ct);
        return backup;
    }

    /// <summary>Every topic of the list: opted in when named, else opted out.</summary>
    public static IReadOnlyList<TopicPreference> Preferences(SesContactList list, IReadOnlyCollection<string> optedIn) =>
        [.. list.Topics.Select(t => new TopicPreference(t.TopicName, optedIn.Contains(t.TopicName) ? SubscriptionStatus.OptIn : SubscriptionStatus.OptOut))];

    public static void RequireEmail(CustomerConfig customer, string email)
    {
        if (EmailAddresses.Problem(email) is { } problem)
            throw new ServiceException(ServiceErrorKind.Validation, $"email: {problem}", customer.CustomerCode, errorCode: "InvalidEmail");
    }

    private async Task<SubscriptionContact> ViewAsync(CustomerConfig customer, ContactService contacts, string email, CancellationToken ct)
    {
        var contact = await FindAsync(customer, contacts, email, ct);
        var list = await contacts.ListOfAsync(customer, ct);
        return SubscriptionContact.From(list, contact, await SuppressionOfAsync(customer, email, ct));
    }

    private static async Task<CustomerContact> FindAsync(CustomerConfig customer, ContactService contacts, string email, CancellationToken ct)
    {
        try
        {
            return await contacts.GetAsync(customer, email, ct);
        }
        catch (ServiceException e) when (e.Kind == ServiceErrorKind.NotFound)
        {
            throw new SubscriptionContactNotFoundException(customer.CustomerCode, email);
        }
    }

    private static void RequireETag(CustomerContact current, string ifMatch)
    {
        var etag = SubscriptionContact.ETagOf(current);
        if (ifMatch != "*" && etag != ifMatch) throw new ContactChangedException(current.EmailAddress, etag);
    }

    private async Task<CustomerSuppression?> SuppressionOfAsync(CustomerConfig customer, string email, CancellationToken ct)
    {
        try
        {
            return await _suppression.GetAsync(customer, email, ct);
        }
        catch (ServiceException e) when (e.Kind == ServiceErrorKind.NotFound)
        {
            return null;
        }
    }

    private async Task<Dictionary<string, CustomerSuppression>> SuppressedAsync(CustomerConfig customer, CancellationToken ct)
    {
        var all = new Dictionary<string, CustomerSuppression>(StringComparer.OrdinalIgnoreCase);
        await foreach (var entry in _suppression.ListAsync(customer, null, ct)) all[entry.EmailAddress] = entry;
        return all;
    }
}
