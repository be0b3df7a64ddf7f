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

    /// <summary>
    /// Applies the plan. A plan that removes topics is backed up first, and the removed topics'
    /// preferences are taken off every contact that had one, so a topic added again later starts
    /// from its default rather than from a forgotten choice.
    /// </summary>
    public async Task<BackupInfo?> ApplyAsync(CustomerConfig customer, TopicSyncPlan plan, CancellationToken ct)
    {
        if (plan.InSync) return null;
        var backup = plan.RemovesTopics
            ? await backups.TakeAsync(customer, plan.Live.ContactListName, "before Sync-SesTopic", ct)
            : null;
        var account = accounts.ForCustomer(customer.CustomerCode);
        await account.UpdateContactListAsync(plan.Live with { Topics = plan.Configured }, ct);
        if (plan.RemovesTopics) await DropPreferencesAsync(account, plan, ct);
        return backup;
    }

    private static async Task DropPreferencesAsync(ISesAccount account, TopicSyncPlan plan, CancellationToken ct)
    {
        var removed = plan.Changes.Where(c => c.Change == TopicChangeKind.Remove).Select(c => c.TopicName).ToHashSet(StringComparer.Ordinal);
        var listName = plan.Live.ContactListName;
        var contacts = await Delivery.AudienceReader.ReadAllAsync(token => account.ListContactsAsync(listName, null, 1000, token, ct));
        foreach (var contact in contacts.Where(c => c.TopicPreferences.Any(p => removed.Contains(p.TopicName))))
        {
            var kept = contact.TopicPreferences.Where(p => !removed.Contains(p.TopicName)).ToList();
            await account.UpdateContactAsync(listName, new SesContact(contact.EmailAddress, kept, contact.UnsubscribeAll, contact.AttributesData), ct);
        }
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
