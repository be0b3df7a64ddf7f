using ChangeMgmt.Core.Configuration;
using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Core.AlternateContacts;

/// <summary>Makes one planned write; its failure is that account's, with the action it needed.</summary>
internal static class ContactWriter
{
    public static async Task<ContactOutcome> WriteAsync(IOrganizationProvider organizations, CustomerConfig customer, OrganizationConfig organization, ContactChange change, CancellationToken ct)
    {
        var action = change.Action == ContactAction.Set ? "account:PutAlternateContact" : "account:DeleteAlternateContact";
        try
        {
            var contacts = organizations.For(customer, organization).Contacts;
            var before = change.Before;
            if (change.Action == ContactAction.Set) await contacts.PutAsync(before.ApiAccountId, before.Type, change.After!, ct);
            else await contacts.DeleteAsync(before.ApiAccountId, before.Type, ct);
            return new(change, null);
        }
        catch (Exception error) when (ContactErrors.IsFailure(error))
        {
            return new(change, ContactErrors.From(error, organization, change.Before.AccountId, action));
        }
    }
}
