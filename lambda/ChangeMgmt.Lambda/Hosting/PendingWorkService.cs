using ChangeMgmt.Core.Changes;

namespace ChangeMgmt.Lambda.Hosting;

/// <summary>
/// Finishes what change writes left undone, at start and then every <see cref="Interval"/> (local mode
/// 1 s; AWS mode 30 s, while the API function is warm): the writes whose writer died or whose triggers
/// or index entry failed (pending-writes/, once older than the grace), and the customers' triggers whose
/// write failed and are due (triggers-failed/, with a delay doubling from 2 s to 10 min per attempt).
/// Every <see cref="CompactEvery"/> it folds the index's entries into its month objects.
/// </summary>
public sealed class PendingWorkService(ChangeService changes, TimeProvider time, ILogger<PendingWorkService> log) : BackgroundService
{
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan CompactEvery { get; init; } = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        var compacted = DateTimeOffset.MinValue;
        do
        {
            await RunOnceAsync("Finishing pending change writes", () => changes.CompletePendingWritesAsync(null, stoppingToken), "Finished {Count} pending change write(s)");
            await RunOnceAsync("Retrying failed customer triggers", () => changes.RetryFailedTriggersAsync(stoppingToken), "Re-wrote {Count} failed customer trigger(s)");
            if (time.GetUtcNow() - compacted < CompactEvery) continue;
            await RunOnceAsync("Compacting the change index", () => changes.CompactIndexAsync(stoppingToken), "Folded {Count} change index entries");
            compacted = time.GetUtcNow();
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task RunOnceAsync(string what, Func<Task<int>> work, string done)
    {
        try
        {
            if (await work() is > 0 and var count) log.LogInformation(done, count);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            log.LogWarning(ex, "{What} failed; trying again in {Interval}", what, Interval);
        }
    }
}
