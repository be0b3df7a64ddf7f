namespace ChangeMgmt.Lambda.Hosting;

/// <summary>
/// Finishes what change writes left undone, at start and then every <see cref="Interval"/> (local mode
/// 1 s; AWS mode 30 s, while the API function is warm): the writes whose writer died or whose triggers
/// or index entry failed (pending-writes/, once older than the grace), and the customers' triggers whose
/// write failed and are due (triggers-failed/, with a delay doubling from 2 s to 10 min per attempt).
/// Every <see cref="CompactEvery"/> it folds the index's entries into its month objects. It also publishes the
/// announcements whose publish time has come (<see cref="PendingWork"/>; on AWS an EventBridge schedule runs the same
/// sweep in the delivery function every minute, so a cold API function delays nothing).
/// </summary>
public sealed class PendingWorkService(PendingWork work, TimeProvider time) : BackgroundService
{
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan CompactEvery { get; init; } = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        var compacted = DateTimeOffset.MinValue;
        do
        {
            await work.RunAsync(stoppingToken);
            if (time.GetUtcNow() - compacted < CompactEvery) continue;
            await work.CompactIndexAsync(stoppingToken);
            compacted = time.GetUtcNow();
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
