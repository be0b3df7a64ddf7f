using ChangeMgmt.Core.Administration;
using ChangeMgmt.Core.Configuration;
using ChangeMgmt.Core.Errors;
using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Core.Subscriptions;

/// <summary>
/// Works queued subscription jobs within a time budget: claims a job with a conditional write (a lease, so one runner
/// works it at a time), backs up the customer's list once, then applies row after row, saving the job after each so a
/// runner that stops (budget spent, process killed) is resumed by the next at the first row not done. Each write is
/// reported to <c>audit</c>.
/// </summary>
public sealed class SubscriptionJobRunner(SubscriptionJobs jobs, ISesAccountProvider accounts, SubscriptionBackups backups, LoadedConfig config, TimeProvider time)
{
    /// <summary>How long past its budget a runner's claim holds, so a killed runner's job is taken over soon after.</summary>
    public static readonly TimeSpan LeaseMargin = TimeSpan.FromSeconds(30);

    /// <summary>Rows worked in this run.</summary>
    public async Task<int> RunAsync(TimeSpan budget, Action<JobWrite> audit, CancellationToken ct)
    {
        var deadline = time.GetUtcNow() + budget;
        var worked = 0;
        await foreach (var (job, etag) in jobs.OpenAsync(ct))
        {
            if (time.GetUtcNow() >= deadline) break;
            if (job.LeaseUntil > time.GetUtcNow()) continue;
            worked += await WorkAsync(job, etag, deadline, audit, ct);
        }
        return worked;
    }

    private async Task<int> WorkAsync(SubscriptionJob job, string etag, DateTimeOffset deadline, Action<JobWrite> audit, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        job = job with { Status = SubscriptionJob.Running, StartedAt = job.StartedAt ?? now, LeaseUntil = deadline + LeaseMargin };
        try
        {
            etag = await jobs.SaveAsync(job, etag, ct);
        }
        catch (ConcurrencyConflictException)
        {
            return 0; // another runner claimed it first
        }
        if (config.Config.FindCustomer(job.Customer) is not { } customer)
            return await EndAsync(job with { Status = SubscriptionJob.FailedStatus, Errors = [new("", $"Customer {job.Customer} is no longer configured.")] }, etag, 0, ct);
        var rows = await jobs.RowsAsync(job, ct);
        var contacts = new ContactService(accounts);
        if (job.Backup is null)
        {
            var list = await contacts.ListOfAsync(customer, ct);
            job = job with { Backup = await backups.TakeAsync(customer, list.ContactListName, $"before subscription job {job.JobId}", ct) };
            etag = await jobs.SaveAsync(job, etag, ct);
        }
        var worked = 0;
        while (job.Done < rows.Count && time.GetUtcNow() < deadline)
        {
            var error = await ApplyAsync(job, customer, contacts, rows[job.Done], audit, ct);
            job = job with
            {
                Done = job.Done + 1,
                Failed = job.Failed + (error is null ? 0 : 1),
                Errors = error is null || job.Errors.Count >= SubscriptionJob.MaxErrors ? job.Errors : [.. job.Errors, error],
            };
            etag = await jobs.SaveAsync(job, etag, ct);
            worked++;
        }
        return job.Done < rows.Count
            ? await EndAsync(job with { LeaseUntil = null }, etag, worked, ct)
            : await EndAsync(job with { Status = SubscriptionJob.Finished, FinishedAt = time.GetUtcNow(), LeaseUntil = null }, etag, worked, ct);
    }

    private async Task<int> EndAsync(SubscriptionJob job, string etag, int worked, CancellationToken ct)
    {
        await jobs.SaveAsync(job with { FinishedAt = job.IsOpen ? null : job.FinishedAt ?? time.GetUtcNow() }, etag, ct);
        return worked;
    }

    /// <summary>The row applied to the contact as it is now; its error, if it failed.</summary>
    private async Task<JobError?> ApplyAsync(SubscriptionJob job, CustomerConfig customer, ContactService contacts, ImportRow row, Action<JobWrite> audit, CancellationToken ct)
    {
        try
        {
            if (await new JobRow(customer, contacts, row).ApplyAsync(ct) is { } change)
                audit(new JobWrite(job.JobId, job.Customer, job.CreatedBy, row.Email, change.Action, change.Before, change.After));
            return null;
        }
        catch (ServiceException e) when (!e.IsRetryable)
        {
            return new JobError(row.Email, e.Message);
        }
    }
}
