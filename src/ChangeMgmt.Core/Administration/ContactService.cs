using ChangeMgmt.Core.Customers;
using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using ChangeMgmt.Core.Configuration;
using ChangeMgmt.Core.Delivery;
using ChangeMgmt.Core.Errors;
using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Core.Administration;

/// <summary>Contacts of each customer's list and their topic subscriptions.</summary>
public sealed class ContactService(ISesAccountProvider accounts)
{
    private const int PageSize = 1000;
    private readonly ConcurrentDictionary<string, Task<SesContactList>> _lists = new(StringComparer.Ordinal);

    /// <summary>The customer's list (read once per service instance; a failed read is tried again next time).</summary>
    public async Task<SesContactList> ListOfAsync(CustomerConfig customer, CancellationToken ct)
    {
        var read = _lists.GetOrAdd(customer.CustomerCode, _ => ReadListAsync(customer, ct));
        try
        {
            return await read;
        }
        catch
        {
            _lists.TryRemove(new KeyValuePair<string, Task<SesContactList>>(customer.CustomerCode, read));
            throw;
        }
    }

    private async Task<SesContactList> ReadListAsync(CustomerConfig customer, CancellationToken ct)
    {
        var account = accounts.ForCustomer(customer.CustomerCode);
        return await account.GetContactListAsync(await CustomerListLookup.NameAsync(account, customer, ct), ct);
    }

    public async Task<CustomerContact> GetAsync(CustomerConfig customer, string emailAddress, CancellationToken ct)
    {
        var list = await ListOfAsync(customer, ct);
        var contact = await accounts.ForCustomer(customer.CustomerCode).GetContactAsync(list.ContactListName, emailAddress, ct);
        return CustomerContact.From(customer.CustomerCode, list, contact);
    }

    /// <summary>Every contact, page by page; with a filter, those with that status (on that topic).</summary>
    public async IAsyncEnumerable<CustomerContact> ListAsync(CustomerConfig customer, ContactFilter? filter, [EnumeratorCancellation] CancellationToken ct)
    {
        var list = await ListOfAsync(customer, ct);
        if (filter?.TopicName is { } topic) RequireTopics(customer, list, [topic]);
        string? token = null;
        do
        {
            var page = await PageAsync(customer, filter, PageSize, token, ct);
            foreach (var contact in page.Items)
                yield return contact;
            token = page.NextToken;
        } while (!string.IsNullOrEmpty(token));
    }

    /// <summary>One page of SES ListContacts (SES's own token continues it).</summary>
    public async Task<Page<CustomerContact>> PageAsync(CustomerConfig customer, ContactFilter? filter, int pageSize, string? token, CancellationToken ct)
    {
        var list = await ListOfAsync(customer, ct);
        var page = await accounts.ForCustomer(customer.CustomerCode).ListContactsAsync(list.ContactListName, filter, pageSize, token, ct);
        return new([.. page.Items.Select(c => CustomerContact.From(customer.CustomerCode, list, c))], page.NextToken);
    }

    public async Task<CustomerContact> AddAsync(CustomerConfig customer, string emailAddress, IReadOnlyList<TopicPreference> preferences, bool unsubscribeAll, CancellationToken ct)
    {
        var list = await ListOfAsync(customer, ct);
        RequireTopics(customer, list, preferences.Select(p => p.TopicName));
        var account = accounts.ForCustomer(customer.CustomerCode);
        await account.CreateContactAsync(list.ContactListName, new SesContact(emailAddress, preferences, unsubscribeAll), ct);
        return CustomerContact.From(customer.CustomerCode, list, await account.GetContactAsync(list.ContactListName, emailAddress, ct));
    }

    public async Task RemoveAsync(CustomerConfig customer, string emailAddress, CancellationToken ct)
    {
        var list = await ListOfAsync(customer, ct);
        await accounts.ForCustomer(customer.CustomerCode).DeleteContactAsync(list.ContactListName, emailAddress, ct);
    }

    /// <summary>
    /// Sets the contact's preference for each topic (other topics keep theirs); a contact that does
    /// not exist is created when <paramref name="addMissing"/>, else it is an error.
    /// </summary>
    public async Task<CustomerContact> SetSubscriptionAsync(
        CustomerConfig customer, string emailAddress, IReadOnlyList<string> topics, SubscriptionStatus status, bool? unsubscribeAll, bool addMissing, CancellationToken ct)
    {
        var list = await ListOfAsync(customer, ct);
        RequireTopics(customer, list, topics);
        var account = accounts.ForCustomer(customer.CustomerCode);
        var wanted = topics.Select(t => new TopicPreference(t, status)).ToList();
        var existing = await FindAsync(account, list.ContactListName, emailAddress, ct);
        if (existing is null)
        {
            if (!addMissing)
                throw new ServiceException(ServiceErrorKind.NotFound, $"{customer.CustomerCode}: {emailAddress} is not in contact list {list.ContactListName}. Add it with Add-SesContact, or use -AddMissing.", customer.CustomerCode);
            await account.CreateContactAsync(list.ContactListName, new SesContact(emailAddress, wanted, unsubscribeAll ?? false), ct);
        }
        else
        {
            var merged = existing.TopicPreferences.Where(p => !topics.Contains(p.TopicName, StringComparer.Ordinal)).Concat(wanted).ToList();
            await account.UpdateContactAsync(list.ContactListName, existing with { TopicPreferences = merged, UnsubscribeAll = unsubscribeAll ?? existing.UnsubscribeAll }, ct);
        }
        return CustomerContact.From(customer.CustomerCode, list, await account.GetContactAsync(list.ContactListName, emailAddress, ct));
    }

    /// <summary>
    /// Replaces the contact with what <paramref name="change"/> makes of it (given the list, for its topics);
    /// false when the contact is not in the list. Two SES calls after the list's read (the server's background
    /// work pays SES's management pacing per call, so it does not read the contact back).
    /// </summary>
    public async Task<bool> UpdateAsync(CustomerConfig customer, string emailAddress, Func<SesContactList, SesContact, SesContact> change, CancellationToken ct)
    {
        var list = await ListOfAsync(customer, ct);
        var account = accounts.ForCustomer(customer.CustomerCode);
        if (await FindAsync(account, list.ContactListName, emailAddress, ct) is not { } existing) return false;
        var changed = change(list, existing);
        // The change gave the contact back as it was: nothing to write (a call saved at one request per second).
        if (!ReferenceEquals(changed, existing)) await account.UpdateContactAsync(list.ContactListName, changed, ct);
        return true;
    }

    /// <summary>Fails with UnknownTopic unless the customer's list has every topic named.</summary>
    public async Task RequireTopicsAsync(CustomerConfig customer, IEnumerable<string> topics, CancellationToken ct) =>
        RequireTopics(customer, await ListOfAsync(customer, ct), topics);

    private static async Task<SesContact?> FindAsync(ISesAccount account, string listName, string emailAddress, CancellationToken ct)
    {
        try
        {
            return await account.GetContactAsync(listName, emailAddress, ct);
        }
        catch (ServiceException ex) when (ex.Kind == ServiceErrorKind.NotFound)
        {
            return null;
        }
    }

    private static void RequireTopics(CustomerConfig customer, SesContactList list, IEnumerable<string> topics)
    {
        var unknown = topics.Where(t => list.Topics.All(lt => lt.TopicName != t)).ToList();
        if (unknown.Count > 0)
            throw new ServiceException(ServiceErrorKind.Validation,
                $"{customer.CustomerCode}: contact list {list.ContactListName} has no topic {string.Join(", ", unknown)}. Its topics: {string.Join(", ", list.Topics.Select(t => t.TopicName))}. Run Sync-SesTopic if configuration has it.",
                customer.CustomerCode, errorCode: "UnknownTopic");
    }
}
