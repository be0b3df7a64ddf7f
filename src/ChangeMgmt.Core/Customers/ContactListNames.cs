using System.Collections.Concurrent;
using ChangeMgmt.Core.Configuration;
using ChangeMgmt.Core.Errors;
using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Core.Customers;

/// <summary>
/// Which contact list is each customer's, remembered per customer so delivery does not list the account's
/// lists for every message: found once (the configured name, else the account's only list), forgotten
/// when reading it finds it gone.
/// </summary>
public sealed class ContactListNames
{
    private readonly ConcurrentDictionary<string, string> known = new(StringComparer.Ordinal);

    public async Task<SesContactList> ReadAsync(ISesAccount account, CustomerConfig customer, CancellationToken ct)
    {
        if (known.TryGetValue(customer.CustomerCode, out var name))
        {
            try
            {
                return await account.GetContactListAsync(name, ct);
            }
            catch (ServiceException ex) when (ex.Kind == ServiceErrorKind.NotFound)
            {
                known.TryRemove(customer.CustomerCode, out _);
            }
        }
        var list = await CustomerListLookup.ReadAsync(account, customer, ct);
        known[customer.CustomerCode] = list.ContactListName;
        return list;
    }
}
