using ChangeMgmt.Core.Configuration;
using ChangeMgmt.Core.Subscriptions;

namespace ChangeMgmt.Lambda.Endpoints;

/// <summary>
/// The subscription routes' one check: an admin for all customers manages every customer's contacts; a caller holding
/// subscriptions or admin manages those of the customers in their customers claim. Another customer, known or not, is
/// "not found" (it tells nothing of other customers); anyone else in scope is refused (403).
/// </summary>
public sealed partial class Access
{
    public CustomerConfig ManageSubscriptions(LoadedConfig config, string code, string what)
    {
        Note("", [code]);
        if (!Caller.InScope(code) || config.Config.FindCustomer(code) is not { } customer) throw new SubscriptionCustomerNotFoundException(code);
        if (Caller.IsAdmin && Caller.Customers is null) return customer;
        if (Caller.Customers is null || !(Caller.IsAdmin || Caller.Roles.Contains(Role.Subscriptions)))
            throw Denied(Role.Subscriptions, $"{what} needs the subscriptions role for the customer (or an admin for all customers).");
        return customer;
    }
}
