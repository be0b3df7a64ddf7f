using ChangeMgmt.Core.Announcements;
using ChangeMgmt.Core.Changes;

namespace ChangeMgmt.Lambda.Hosting;

/// <summary>
/// One sweep of what is due: change writes left unfinished, customer triggers whose write failed (changes' and
/// announcements'), and announcements whose publish time has come, and
/// approved changes' timed notices (reminders, started, window ended) that are due. Each step runs even when another fails; a failure
/// is logged and the next sweep tries again. Run by <see cref="PendingWorkService"/> on a timer and, on AWS, by the
/// delivery function for each EventBridge scheduled event (<c>POST /events</c>).
/// </summary>
public sealed class PendingWork(ChangeService changes, AnnouncementService announcements, ILogger<PendingWork> log)
{
    public async Task<PendingWorkResult> RunAsync(CancellationToken ct) => new(
        await StepAsync("Finishing pending change writes", () => changes.CompletePendingWritesAsync(null, ct), "Finished {Count} pending change write(s)")
            + await StepAsync("Finishing pending announcement writes", () => announcements.CompletePendingWritesAsync(ct), "Finished {Count} pending announcement write(s)"),
        await StepAsync("Retrying failed change triggers", () => changes.RetryFailedTriggersAsync(ct), "Re-wrote {Count} failed change trigger(s)")
            + await StepAsync("Retrying failed announcement triggers", () => announcements.RetryFailedTriggersAsync(ct), "Re-wrote {Count} failed announcement trigger(s)"),
        await StepAsync("Publishing scheduled announcements", () => announcements.PublishDueAsync(ct), "Published {Count} scheduled announcement(s)"),
        await StepAsync("Sending due change reminders", () => changes.SendDueRemindersAsync(ct), "Wrote {Count} reminder, started or window-ended trigger(s)"));

    /// <summary>Folds the change index's entries into its month objects.</summary>
    public Task<int> CompactIndexAsync(CancellationToken ct) =>
        StepAsync("Compacting the change index", () => changes.CompactIndexAsync(ct), "Folded {Count} change index entries");

    private async Task<int> StepAsync(string what, Func<Task<int>> run, string done)
    {
        try
        {
            var count = await run();
            if (count > 0) log.LogInformation(done, count);
            return count;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            log.LogWarning(ex, "{What} failed; the next sweep tries again", what);
            return 0;
        }
    }
}

/// <summary>What one sweep did: pending change writes finished, failed triggers re-written, announcements published, timed notices triggered.</summary>
public sealed record PendingWorkResult(int PendingWrites, int Triggers, int Published, int Reminders);
