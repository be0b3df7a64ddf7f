using ChangeMgmt.Core.Changes;
using ChangeMgmt.Core.Configuration;
using ChangeMgmt.Core.Ports;
using ChangeMgmt.Core.Scheduling;
using Microsoft.Extensions.Logging;

namespace ChangeMgmt.Core.Reminders;

/// <summary>
/// An approved change's timed notices through the <see cref="Schedule"/>: its approval adds one item per moment still
/// ahead (<c>schedule/{due}/change-{moment}/{changeId}.v{approved version}.json</c>); when one falls due, the sweep
/// writes the moment's trigger for each customer that has it on, and the customer's queue, the ledger and the templates
/// do the rest, as for every other notice. An item whose change was cancelled, completed, or approved again since (a
/// new window: its own items) is dropped unsent; a moment already overtaken is not sent late.
/// </summary>
public sealed class ChangeReminders(IObjectStore store, ChangeMgmtConfig config, TimeProvider time, ILogger? log = null)
{
    public const string KindPrefix = "change-";
    private readonly Schedule schedule = new(store);

    /// <summary>The items <paramref name="change"/> asks for at <paramref name="now"/>: those of its approval still ahead.</summary>
    public IEnumerable<ScheduledItem> ItemsFor(Change change, DateTimeOffset now)
    {
        if (change is not { Status: ChangeStatus.Approved, DeletedAt: null }) return [];
        var grace = ReminderConfig.Grace(config);
        var version = ChangeMoments.ApprovedVersion(change);
        return ChangeMoments.All
            .Where(moment => Customers(change, moment).Any())
            .Select(moment => (moment, due: moment.Due(change, grace)))
            .Where(m => m.due > now)
            .Select(m => new ScheduledItem(m.due!.Value, KindOf(m.moment), change.ChangeId, version));
    }

    /// <summary>Adds the change's items (again: an item's key is its due time, moment and approval, so a repeat is the same object).</summary>
    public async Task ScheduleAsync(Change change, CancellationToken ct)
    {
        foreach (var item in ItemsFor(change, time.GetUtcNow()))
            await schedule.AddAsync(item, ct);
    }

    /// <summary>
    /// Removes the items of <paramref name="previous"/>'s approval that <paramref name="next"/> no longer keeps (it was
    /// cancelled, completed, or sent back for approval with a new window); the sweep would drop them unsent anyway.
    /// </summary>
    public async Task UnscheduleAsync(Change previous, Change next, CancellationToken ct)
    {
        var kept = ItemsFor(next, DateTimeOffset.MinValue).Select(Schedule.Key).ToHashSet(StringComparer.Ordinal);
        foreach (var item in ItemsFor(previous, DateTimeOffset.MinValue).Where(i => !kept.Contains(Schedule.Key(i))))
            await schedule.RemoveAsync(item, ct);
    }

    /// <summary>Writes the triggers of the moments now due; returns how many customers' triggers were written.</summary>
    public async Task<int> SendDueAsync(Func<string, CancellationToken, Task<Change?>> current, CancellationToken ct) =>
        await SendDueAsync(current, await schedule.ListDueAsync(time.GetUtcNow(), ct), ct);

    /// <summary>As <see cref="SendDueAsync(Func{string, CancellationToken, Task{Change}}, CancellationToken)"/>, from the sweep's listing of the due items (<see cref="Schedule.ListDueAsync"/>).</summary>
    public async Task<int> SendDueAsync(Func<string, CancellationToken, Task<Change?>> current, IReadOnlyList<ScheduledItem> due, CancellationToken ct)
    {
        var written = 0;
        var now = time.GetUtcNow();
        foreach (var item in due)
        {
            if (MomentOf(item.Kind) is not { } moment) continue;
            var change = ChangeId.IsValid(item.ObjectId) ? await current(item.ObjectId, ct) : null;
            var done = true;
            if (change is { Status: ChangeStatus.Approved, DeletedAt: null } && ChangeMoments.ApprovedVersion(change) == item.Version && moment.IsTimely(change, now))
            {
                var results = await Task.WhenAll(Customers(change, moment).Select(code => WriteTriggerAsync(code, change, moment, ct)));
                written += results.Count(r => r);
                done = results.All(r => r);
            }
            // An item stays until every trigger is written: the next sweep writes them again (the ledger keeps it to one email).
            if (done) await schedule.RemoveAsync(item, ct);
        }
        return written;
    }

    private async Task<bool> WriteTriggerAsync(string code, Change change, ChangeMoment moment, CancellationToken ct)
    {
        try
        {
            await store.PutAsync(StorageLayout.MomentTrigger(code, change.ChangeId, moment), ChangeJson.Serialize(change), WriteCondition.None, ct);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            log?.LogWarning("{ChangeId}: the {Moment} trigger of {CustomerCode} could not be written; the next sweep tries again: {Reason}", change.ChangeId, moment.Name(), code, ex.Message);
            return false;
        }
    }

    /// <summary>The change's customers (configured ones) that have the moment on.</summary>
    private IEnumerable<string> Customers(Change change, ChangeMoment moment) =>
        change.Customers.Where(code => config.FindCustomer(code) is { } customer && moment.IsOn(ReminderConfig.For(config, customer)));

    public static string KindOf(ChangeMoment moment) => KindPrefix + moment.Name();

    public static ChangeMoment? MomentOf(string kind) =>
        kind.StartsWith(KindPrefix, StringComparison.Ordinal) ? ChangeMoments.Parse(kind[KindPrefix.Length..]) : null;
}
