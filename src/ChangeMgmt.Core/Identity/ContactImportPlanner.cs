using ChangeMgmt.Core.Configuration;
using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Core.Identity;

/// <summary>
/// Compares an identity store with a customer's contacts: active users with an email that have no
/// contact are added, subscribed to the topics whose default is OPT_IN and to those whose OptInRoles
/// include a role of one of the user's CCoE cloud groups; contacts whose email matches no active
/// user are removed when the import added them (or any, with RemoveUnmanaged). Emails compare
/// case-insensitively. Pure: it reads and writes nothing.
/// </summary>
public static class ContactImportPlanner
{
    public static ContactImportPlan Plan(
        CustomerConfig customer, IReadOnlyList<Topic> topics, IdentityCenterSnapshot snapshot, IReadOnlyList<SesContact> existing, ContactImportOptions options)
    {
        var existingEmails = existing.Select(c => c.EmailAddress).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var people = ActivePeople(snapshot);
        var activeEmails = people.Select(u => u.User.PrimaryEmail!.Trim()).ToHashSet(StringComparer.OrdinalIgnoreCase);

        var toAdd = people
            .Where(u => !existingEmails.Contains(u.User.PrimaryEmail!.Trim()))
            .Select(u => new ContactToAdd(u.User.PrimaryEmail!.Trim(), u.User.UserName, u.User.UserId, u.Roles, TopicsFor(topics, u.Roles)))
            .ToList();

        var toRemove = new List<ContactToRemove>();
        var unchanged = new List<string>();
        var notInStore = new List<string>();
        foreach (var contact in existing.OrderBy(c => c.EmailAddress, StringComparer.OrdinalIgnoreCase))
        {
            if (activeEmails.Contains(contact.EmailAddress)) { unchanged.Add(contact.EmailAddress); continue; }
            var managed = ManagedContactMarker.IsManaged(contact.AttributesData);
            if (managed)
                toRemove.Add(new ContactToRemove(contact.EmailAddress, true, $"no active user of identity store {snapshot.IdentityStoreId} has this email; the identity import added it"));
            else if (options.RemoveUnmanaged)
                toRemove.Add(new ContactToRemove(contact.EmailAddress, false, $"no active user of identity store {snapshot.IdentityStoreId} has this email; not added by the identity import (RemoveUnmanaged)"));
            else
            {
                unchanged.Add(contact.EmailAddress);
                notInStore.Add(contact.EmailAddress);
            }
        }
        return new ContactImportPlan(customer.CustomerCode, snapshot.IdentityStoreId, toAdd, toRemove, unchanged, notInStore);
    }

    /// <summary>The emails of the store's active users (case-insensitive set).</summary>
    public static IReadOnlySet<string> ActiveEmails(IdentityCenterSnapshot snapshot) =>
        snapshot.Users
            .Where(IsActiveWithEmail)
            .Select(u => u.PrimaryEmail!.Trim())
            .ToHashSet(StringComparer.OrdinalIgnoreCase);

    private static List<UserWithGroups> ActivePeople(IdentityCenterSnapshot snapshot) =>
        [.. snapshot.UsersWithGroups()
            .Where(u => IsActiveWithEmail(u.User))
            .DistinctBy(u => u.User.PrimaryEmail!.Trim(), StringComparer.OrdinalIgnoreCase)];

    private static bool IsActiveWithEmail(IdentityUser user) => user.Active != false && !string.IsNullOrWhiteSpace(user.PrimaryEmail);

    /// <summary>Topics whose default is OPT_IN, and those whose OptInRoles name one of the roles (case-insensitively), in configuration order.</summary>
    public static IReadOnlyList<string> TopicsFor(IReadOnlyList<Topic> topics, IReadOnlyList<string> roles) =>
        [.. topics
            .Where(t => t.DefaultSubscriptionStatus == SubscriptionStatus.OptIn
                || t.OptInRoles.Any(r => roles.Contains(r, StringComparer.OrdinalIgnoreCase)))
            .Select(t => t.TopicName)
            .Distinct(StringComparer.Ordinal)];
}
