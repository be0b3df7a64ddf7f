using ChangeMgmt.Core.Configuration;
using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Core.Administration;

/// <summary>
/// Brings a live list's topics in line with configuration in place: UpdateContactList with the
/// configured topics, never delete and recreate, so every contact and its other preferences stay.
/// </summary>
public sealed class TopicSync(ISesAccountProvider accounts, ContactListService lists, ContactListBackups backups)
{
    public async Task<TopicSyncPlan> PlanAsync(CustomerConfig customer, string? listName, CancellationToken ct)
    {
        var live = await lists.GetAsync(customer, listName, ct);
        var configured = lists.ConfiguredTopics();
        var list = new SesContactList(live.ContactListName, live.Description, live.Topics);
        return new TopicSyncPlan(customer.CustomerCode, list, configured, Compare(customer.CustomerCode, list, configured));
    }

    /// <summary>Applies the plan; a plan that removes topics is backed up first (their preferences go with them).</summary>
    public async Task<BackupInfo?> ApplyAsync(CustomerConfig customer, TopicSyncPlan plan, CancellationToken ct)
    {
        if (plan.InSync) return null;
        var backup = plan.RemovesTopics
            ? await backups.TakeAsync(customer, plan.Live.ContactListName, "before Sync-SesTopic", ct)
            : null;
        await accounts.ForCustomer(customer.CustomerCode).UpdateContactListAsync(plan.Live with { Topics = plan.Configured }, ct);
        return backup;
    }

    public static IReadOnlyList<TopicChange> Compare(string customerCode, SesContactList live, IReadOnlyList<SesTopic> configured)
    {
        var liveByName = live.Topics.ToDictionary(t => t.TopicName, StringComparer.Ordinal);
        var configuredNames = configured.Select(t => t.TopicName).ToHashSet(StringComparer.Ordinal);
        var changes = new List<TopicChange>();
        foreach (var wanted in configured)
        {
            if (!liveByName.TryGetValue(wanted.TopicName, out var existing))
                changes.Add(new(customerCode, live.ContactListName, wanted.TopicName, TopicChangeKind.Add, null, wanted));
            else if (existing != wanted)
                changes.Add(new(customerCode, live.ContactListName, wanted.TopicName, TopicChangeKind.Update, existing, wanted));
        }
        changes.AddRange(live.Topics
            .Where(t => !configuredNames.Contains(t.TopicName))
            .Select(t => new TopicChange(customerCode, live.ContactListName, t.TopicName, TopicChangeKind.Remove, t, null)));
        return changes;
    }
}
