using ChangeMgmt.Bench.Calendar;
using ChangeMgmt.Core.Changes;

namespace ChangeMgmt.Bench.Search;

/// <summary>
/// A write over the history: create a change, submit it, approve it (by someone else) — each step timed on its own,
/// each run on a change of its own made ready beforehand, as people write one change at a time.
/// </summary>
internal static class SearchWrites
{
    private static readonly CancellationToken None = CancellationToken.None;

    public static async Task<IReadOnlyList<SearchMeasurement>> MeasureAsync(ChangeService service, CountingObjectStore store, string customer, int runs)
    {
        var each = runs + 3; // two warm-ups and the counted run besides the timed ones
        var create = await SearchBenchmark.MeasureAsync(store, runs, "write: create", async () => (await CreateAsync(service, customer)).Version);
        var drafts = new Queue<string>();
        for (var i = 0; i < each; i++) drafts.Enqueue((await CreateAsync(service, customer)).ChangeId);
        var submitted = new Queue<string>();
        var submit = await SearchBenchmark.MeasureAsync(store, runs, "write: submit", async () =>
            (await Apply(service, drafts, submitted, ChangeAction.Submit, "engineer00")).Version);
        var approve = await SearchBenchmark.MeasureAsync(store, runs, "write: approve", async () =>
            (await Apply(service, submitted, new Queue<string>(), ChangeAction.Approve, "approver")).Version);
        return [create, submit, approve];
    }

    private static Task<Change> CreateAsync(ChangeService service, string customer)
    {
        var start = new DateTimeOffset(DateTime.UtcNow.Date, TimeSpan.Zero).AddDays(10).AddHours(22);
        return service.CreateAsync(new Change
        {
            ChangeTitle = "Patch the Kafka brokers in production",
            Customers = [customer],
            ChangeReason = "CVE", ImplementationPlan = "Patch", TestPlan = "Check", CustomerImpact = "None", RollbackPlan = "Restore",
            ImplementationStart = start, ImplementationEnd = start.AddHours(1), Timezone = "Europe/London",
        }, "engineer00", None);
    }

    /// <summary>Applies the action to the next change waiting for it and queues that change for the next step.</summary>
    private static async Task<Change> Apply(ChangeService service, Queue<string> waiting, Queue<string> next, ChangeAction action, string user)
    {
        var id = waiting.Dequeue();
        var change = (await service.ApplyAsync(id, action, user, null, None)).Change;
        next.Enqueue(id);
        return change;
    }
}
