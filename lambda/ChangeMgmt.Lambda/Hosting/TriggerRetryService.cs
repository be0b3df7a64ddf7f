using ChangeMgmt.Core.Changes;

namespace ChangeMgmt.Lambda.Hosting;

/// <summary>
/// Re-writes, every <see cref="Interval"/> (local mode 1 s; AWS mode 30 s, while the function runs), the customers' triggers whose write failed and are due
/// (triggers-failed/, with a delay doubling from 2 s to 10 min per attempt); a success removes the note.
/// </summary>
public sealed class TriggerRetryService(ChangeService changes, TimeProvider time, ILogger<TriggerRetryService> log) : BackgroundService
{
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                if (await changes.RetryFailedTriggersAsync(stoppingToken) is > 0 and var written)
                    log.LogInformation("Re-wrote {Count} failed customer trigger(s)", written);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                log.LogWarning(ex, "Retrying failed customer triggers failed; trying again in {Interval}", Interval);
            }
        }
    }
}
