using ChangeMgmt.Core.Customers;
using ChangeMgmt.Core.Configuration;
using ChangeMgmt.Core.Delivery;
using ChangeMgmt.Core.Errors;
using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Core.Identity;

/// <summary>
/// Plans an import against a customer's SES contact list and applies it, one contact at a time
/// (SES pacing and retries are the account adapter's). Applying is idempotent: a contact that
/// already exists counts as unchanged, one already gone as removed; so an interrupted import,
/// planned and applied again, finishes without duplicating anything.
/// </summary>
public static class ContactImporter
{
    private const int PageSize = 1000;

    /// <summary>
    /// Reads the customer's list and contacts and plans against them; topics the list does not carry
    /// are left out. ListContacts does not return AttributesData, so each contact that matches no
    /// active user is read once more (GetContact) to see whether the import added it.
    /// </summary>
    public static async Task<ContactImportPlan> PlanAsync(
        CustomerConfig customer, IReadOnlyList<Topic> topics, IdentityCenterSnapshot snapshot, ISesAccount account, ContactImportOptions options, CancellationToken ct)
    {
        var list = await account.GetContactListAsync(await CustomerListLookup.NameAsync(account, customer, ct), ct);
        var listed = await AudienceReader.ReadAllAsync(token => account.ListContactsAsync(list.ContactListName, null, PageSize, token, ct));
        var active = ContactImportPlanner.ActiveEmails(snapshot);
        var contacts = new List<SesContact>(listed.Count);
        foreach (var contact in listed)
        {
            if (active.Contains(contact.EmailAddress) || contact.AttributesData is not null) contacts.Add(contact);
            else if (await FindAsync(account, list.ContactListName, contact.EmailAddress, ct) is { } full) contacts.Add(full);
        }
        var listTopics = list.Topics.Select(t => t.TopicName).ToHashSet(StringComparer.Ordinal);
        return ContactImportPlanner.Plan(customer, [.. topics.Where(t => listTopics.Contains(t.TopicName))], snapshot, contacts, options);
    }

    private static async Task<SesContact?> FindAsync(ISesAccount account, string listName, string email, CancellationToken ct)
    {
        try
        {
            return await account.GetContactAsync(listName, email, ct);
        }
        catch (ServiceException ex) when (ex.Kind == ServiceErrorKind.NotFound)
        {
            return null;
        }
    }

    /// <summary>Creates the planned contacts (OPT_IN to their topics, with the managed marker) and deletes the planned removals.</summary>
    public static async Task<ContactImportSummary> ApplyAsync(
        CustomerConfig customer, ContactImportPlan plan, ISesAccount account, IProgress<ImportProgress>? progress, CancellationToken ct)
    {
        var listName = await CustomerListLookup.NameAsync(account, customer, ct);
        int added = 0, subscribed = 0, removed = 0, unchanged = plan.Unchanged.Count, done = 0;
        var total = plan.ToAdd.Count + plan.ToRemove.Count;
        var failures = new List<ContactImportFailure>();

        foreach (var add in plan.ToAdd)
        {
            ct.ThrowIfCancellationRequested();
            var contact = new SesContact(add.Email, [.. add.Topics.Select(t => new TopicPreference(t, SubscriptionStatus.OptIn))],
                AttributesData: ManagedContactMarker.For(plan.IdentityStoreId, add.UserId));
            switch (await TryAsync(() => account.CreateContactAsync(listName, contact, ct), ServiceErrorKind.AlreadyExists, customer, add.Email, ContactImportAction.Add, failures, ct))
            {
                case Outcome.Done: added++; subscribed += add.Topics.Count; break;
                case Outcome.AlreadyThere: unchanged++; break;
            }
            progress?.Report(new ImportProgress(customer.CustomerCode, ContactImportAction.Add, add.Email, ++done, total));
        }

        foreach (var remove in plan.ToRemove)
        {
            ct.ThrowIfCancellationRequested();
            if (await TryAsync(() => account.DeleteContactAsync(listName, remove.Email, ct), ServiceErrorKind.NotFound, customer, remove.Email, ContactImportAction.Remove, failures, ct) != Outcome.Failed)
                removed++;
            progress?.Report(new ImportProgress(customer.CustomerCode, ContactImportAction.Remove, remove.Email, ++done, total));
        }

        return new ContactImportSummary(customer.CustomerCode, added, subscribed, removed, unchanged, failures.Count, failures);
    }

    private enum Outcome { Done, AlreadyThere, Failed }

    private static async Task<Outcome> TryAsync(
        Func<Task> call, ServiceErrorKind meansDone, CustomerConfig customer, string email, ContactImportAction action, List<ContactImportFailure> failures, CancellationToken ct)
    {
        try
        {
            await call();
            return Outcome.Done;
        }
        catch (ServiceException ex) when (ex.Kind == meansDone)
        {
            return Outcome.AlreadyThere;
        }
        catch (Exception ex) when (!(ex is OperationCanceledException && ct.IsCancellationRequested))
        {
            failures.Add(new ContactImportFailure(customer.CustomerCode, email, action, ex.Message, ex));
            return Outcome.Failed;
        }
    }
}
