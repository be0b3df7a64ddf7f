using ChangeMgmt.Core.Customers;
using ChangeMgmt.Core.Configuration;
using ChangeMgmt.Core.Delivery;
using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Core.Administration;

/// <summary>Each customer's contact list: created from configuration, read, and removed (after a backup).</summary>
public sealed class ContactListService(LoadedConfig config, ISesAccountProvider accounts, ContactListBackups backups)
{
    /// <summary>The list name configured for the customer, or the default name for a new list.</summary>
    public static string ConfiguredName(CustomerConfig customer) =>
        string.IsNullOrWhiteSpace(customer.ContactListName) ? CustomerConfig.DefaultContactListName : customer.ContactListName;

    /// <summary>The topics SESConfig.json gives every contact list.</summary>
    public IReadOnlyList<SesTopic> ConfiguredTopics() =>
        config.Topics.Select(t => new SesTopic(t.TopicName, t.DisplayName, t.Description, t.DefaultSubscriptionStatus)).ToList();

    public async Task<CustomerContactList> CreateAsync(CustomerConfig customer, string? name, string? description, CancellationToken ct)
    {
        var list = new SesContactList(name ?? ConfiguredName(customer), description ?? $"Change notifications for {customer.DisplayName}", ConfiguredTopics());
        var account = accounts.ForCustomer(customer.CustomerCode);
        await account.CreateContactListAsync(list, ct);
        return CustomerContactList.From(customer.CustomerCode, await account.GetContactListAsync(list.ContactListName, ct));
    }

    /// <summary>Every contact list of the account (SES allows one, but an account may predate ChangeMgmt).</summary>
    public async Task<IReadOnlyList<CustomerContactList>> ListAsync(CustomerConfig customer, CancellationToken ct)
    {
        var account = accounts.ForCustomer(customer.CustomerCode);
        var names = await AudienceReader.ReadAllAsync(token => account.ListContactListsAsync(token, ct));
        var lists = new List<CustomerContactList>();
        foreach (var summary in names) // ListContactLists omits topics: read each list
            lists.Add(CustomerContactList.From(customer.CustomerCode, await account.GetContactListAsync(summary.ContactListName, ct)));
        return lists;
    }

    /// <summary>The named list, else the customer's list (configured name, else the account's only list).</summary>
    public async Task<CustomerContactList> GetAsync(CustomerConfig customer, string? name, CancellationToken ct)
    {
        var account = accounts.ForCustomer(customer.CustomerCode);
        var listName = name ?? await CustomerListLookup.NameAsync(account, customer, ct);
        return CustomerContactList.From(customer.CustomerCode, await account.GetContactListAsync(listName, ct));
    }

    /// <summary>Backs the list up, then deletes it with its contacts; returns the backup.</summary>
    public async Task<BackupInfo> RemoveAsync(CustomerConfig customer, string name, CancellationToken ct)
    {
        var backup = await backups.TakeAsync(customer, name, "before Remove-SesContactList", ct);
        await accounts.ForCustomer(customer.CustomerCode).DeleteContactListAsync(name, ct);
        return backup;
    }
}
