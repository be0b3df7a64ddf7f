using ChangeMgmt.Core.Administration;
using ChangeMgmt.Core.Configuration;
using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Core.Subscriptions;

/// <summary>A bulk change file: previewed against the contacts as they are (nothing written), or queued as a job when every line is good.</summary>
public sealed class SubscriptionImport(ISesAccountProvider accounts, SubscriptionJobs jobs)
{
    public async Task<ImportPreview> PreviewAsync(CustomerConfig customer, string csv, CancellationToken ct)
    {
        var contacts = new ContactService(accounts);
        var list = await contacts.ListOfAsync(customer, ct);
        var file = ImportCsv.Parse(csv, [.. list.Topics.Select(t => t.TopicName)]);
        var current = new Dictionary<string, CustomerContact>(StringComparer.OrdinalIgnoreCase);
        // One ListContacts call per 1,000 contacts, rather than a GetContact per line.
        if (file.Rows.Count > 0)
            await foreach (var contact in contacts.ListAsync(customer, null, ct)) current[contact.EmailAddress] = contact;
        var changes = file.Rows.Select(r => ImportPlan.Change(r, list, current.GetValueOrDefault(r.Email))).ToList();
        return new(changes, file.Errors, ImportPlan.Summarize(changes));
    }

    /// <summary>The queued job; or the file's errors, and nothing queued.</summary>
    public async Task<(SubscriptionJob? Job, IReadOnlyList<ImportError> Errors)> QueueAsync(CustomerConfig customer, string csv, string user, CancellationToken ct)
    {
        var list = await new ContactService(accounts).ListOfAsync(customer, ct);
        var file = ImportCsv.Parse(csv, [.. list.Topics.Select(t => t.TopicName)]);
        if (file.Errors.Count > 0 || file.Rows.Count == 0)
            return (null, file.Errors.Count > 0 ? file.Errors : [new ImportError(1, "file", "The file has no contact lines.")]);
        return (await jobs.QueueAsync(customer.CustomerCode, file.Rows, user, ct), []);
    }
}
