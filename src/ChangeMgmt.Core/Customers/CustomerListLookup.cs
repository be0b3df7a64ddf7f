using ChangeMgmt.Core.Configuration;
using ChangeMgmt.Core.Delivery;
using ChangeMgmt.Core.Errors;
using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Core.Customers;

/// <summary>
/// Which contact list is a customer's: the one rule delivery, administration, the Identity Center import and the
/// cmdlets all use.
/// </summary>
public static class CustomerListLookup
{
    /// <summary>The customer's contact list with its topics; a configured name that the account lacks is reported with the lists it has.</summary>
    public static async Task<SesContactList> ReadAsync(ISesAccount account, CustomerConfig customer, CancellationToken ct)
    {
        var name = await NameAsync(account, customer, ct);
        try
        {
            return await account.GetContactListAsync(name, ct);
        }
        catch (ServiceException ex) when (ex.Kind == ServiceErrorKind.NotFound)
        {
            var existing = await AudienceReader.ReadAllAsync(token => account.ListContactListsAsync(token, ct));
            throw new ContactListMissingException(customer, name, [.. existing.Select(l => l.ContactListName)]);
        }
    }

    /// <summary>The configured list, else the account's only list, whatever its name (SES allows one per account).</summary>
    public static async Task<string> NameAsync(ISesAccount account, CustomerConfig customer, CancellationToken ct)
    {
        if (!string.IsNullOrWhiteSpace(customer.ContactListName)) return customer.ContactListName;
        var lists = await AudienceReader.ReadAllAsync(token => account.ListContactListsAsync(token, ct));
        return lists.Count switch
        {
            1 => lists[0].ContactListName,
            0 => throw new ContactListMissingException(customer, null, []),
            _ => throw new InvalidOperationException($"{customer.CustomerCode}: the SES account has {lists.Count} contact lists; set customer_mappings.{customer.CustomerCode}.contact_list_name."),
        };
    }
}
