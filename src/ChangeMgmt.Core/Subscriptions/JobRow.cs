using ChangeMgmt.Core.Administration;
using ChangeMgmt.Core.Configuration;
using ChangeMgmt.Core.Errors;
using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Core.Subscriptions;

/// <summary>One job row applied to its contact as SES has it now (the rule of <see cref="ImportPlan"/>); the change written, or null when none was needed.</summary>
internal sealed class JobRow(CustomerConfig customer, ContactService contacts, ImportRow row)
{
    public async Task<ImportChange?> ApplyAsync(CancellationToken ct) =>
        row.Action == ImportAction.Remove ? await RemoveAsync(ct) : await UpdateOrAddAsync(ct);

    private async Task<ImportChange?> RemoveAsync(CancellationToken ct)
    {
        CustomerContact current;
        try
        {
            current = await contacts.GetAsync(customer, row.Email, ct);
        }
        catch (ServiceException e) when (e.Kind == ServiceErrorKind.NotFound)
        {
            return null;
        }
        var change = ImportPlan.Change(row, await contacts.ListOfAsync(customer, ct), current);
        await contacts.RemoveAsync(customer, row.Email, ct);
        return change;
    }

    private async Task<ImportChange?> UpdateOrAddAsync(CancellationToken ct)
    {
        ImportChange? written = null;
        var found = await contacts.UpdateAsync(customer, row.Email, (list, existing) =>
        {
            var change = ImportPlan.Change(row, list, CustomerContact.From(customer.CustomerCode, list, existing));
            if (change.Action == "unchanged") return existing;
            written = change;
            return existing with { TopicPreferences = SubscriptionService.Preferences(list, change.After!), UnsubscribeAll = false };
        }, ct);
        if (found) return written;
        var list = await contacts.ListOfAsync(customer, ct);
        var added = ImportPlan.Change(row, list, null);
        var preferences = row.Action == ImportAction.Set
            ? SubscriptionService.Preferences(list, row.Topics)
            : [.. row.Topics.Select(t => new TopicPreference(t, SubscriptionStatus.OptIn))];
        await contacts.AddAsync(customer, row.Email, preferences, false, ct);
        return added;
    }
}
