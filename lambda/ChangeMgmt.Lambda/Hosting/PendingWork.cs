using ChangeMgmt.Core.AlternateContacts;
using ChangeMgmt.Core.Announcements;
using ChangeMgmt.Core.Changes;
using ChangeMgmt.Core.Ports;
using ChangeMgmt.Core.Scheduling;
using ChangeMgmt.Core.Subscriptions;

namespace ChangeMgmt.Lambda.Hosting;

/// <summary>
/// One sweep of what is due: change writes left unfinished, customer triggers whose write failed (changes' and
/// announcements'), and announcements whose publish time has come, and
/// approved changes' timed notices (reminders, started, window ended) that are due, queued subscription jobs (within
/// <see cref="JobBudget"/>), and, where the server reaches the customers' organizations (AWS mode's delivery function),
/// the alternate contact drift reports that are due (<see cref="AlternateContactChecks"/>). Each step runs even when another fails; a failure
/// is logged and the next sweep tries again. The due schedule is listed once for both its owners (announcements,
/// changes). Run by <see cref="PendingWorkService"/> on a timer and, on AWS, by the delivery function for each EventBridge scheduled event (<c>POST /events</c>).
/// </summary>
public sealed class PendingWork(ChangeService changes, AnnouncementService announcements, SubscriptionJobRunner jobs, ServerSettings settings, JobAudit audit, ILogger<PendingWork> log,
    IObjectStore store, TimeProvider time, AlternateContactChecks? contacts = null)
{
    private readonly Schedule schedule = new(store);

    /// <summary>
    /// How long one sweep works subscription jobs (then the next sweep resumes them): the delivery function on AWS
    /// (timeout 300 s, one sweep a minute) works most of its time; a sweep every second locally, or in the API
    /// function (timeout 30 s), only a few seconds, so the other steps are not held up.
    /// </summary>
    public TimeSpan JobBudget => settings.Mode == ServerMode.Aws && settings.ServesEvents ? TimeSpan.FromSeconds(200) : TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long one sweep reads customers' organizations for drift reports (an unfinished check goes on in the next
    /// sweep): with <see cref="JobBudget"/> inside the delivery function's 300 s.
    /// </summary>
    public TimeSpan ContactCheckBudget => settings.Mode == ServerMode.Aws && settings.ServesEvents ? TimeSpan.FromSeconds(60) : TimeSpan.FromSeconds(10);

    public async Task<PendingWorkResult> RunAsync(CancellationToken ct)
    {
        var due = new Lazy<Task<IReadOnlyList<ScheduledItem>>>(() => schedule.ListDueAsync(time.GetUtcNow(), ct));
        return new(
            await StepAsync("Finishing pending change writes", () => changes.CompletePendingWritesAsync(null, ct), "Finished {Count} pending change write(s)")
                + await StepAsync("Finishing pending announcement writes", () => announcements.CompletePendingWritesAsync(ct), "Finished {Count} pending announcement write(s)"),
            await StepAsync("Retrying failed change triggers", () => changes.RetryFailedTriggersAsync(ct), "Re-wrote {Count} failed change trigger(s)")
                + await StepAsync("Retrying failed announcement triggers", () => announcements.RetryFailedTriggersAsync(ct), "Re-wrote {Count} failed announcement trigger(s)"),
            await StepAsync("Publishing scheduled announcements", async () => await announcements.PublishDueAsync(await due.Value, ct), "Published {Count} scheduled announcement(s)"),
            await StepAsync("Sending due change reminders", async () => await changes.SendDueRemindersAsync(await due.Value, ct), "Wrote {Count} reminder, started or window-ended trigger(s)"),
            await StepAsync("Working subscription jobs", () => jobs.RunAsync(JobBudget, audit.Write, ct), "Applied {Count} subscription job row(s)"),
            contacts is null ? 0 : await StepAsync("Checking alternate contacts", () => contacts.CheckDueAsync(ContactCheckBudget, ct), "Checked the alternate contacts of {Count} customer(s)"));
    }

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

/// <summary>What one sweep did: pending change writes finished, failed triggers re-written, announcements published, timed notices triggered, job rows applied, customers' alternate contacts checked.</summary>
public sealed record PendingWorkResult(int PendingWrites, int Triggers, int Published, int Reminders, int JobRows, int ContactReports);
