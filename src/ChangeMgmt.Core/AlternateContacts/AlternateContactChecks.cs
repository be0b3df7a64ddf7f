using ChangeMgmt.Core.Configuration;

namespace ChangeMgmt.Core.AlternateContacts;

/// <summary>
/// The sweep's drift check: every configured customer whose report is older than <see cref="MaxAge"/>, was asked for, or
/// whose check is unfinished is checked (customers in parallel, each organization's calls paced by the adapter, each
/// sweep within its budget, resumed by the next) and its report stored. A
/// customer whose organization fails has that failure, with its fix, in its report; the others go on.
/// </summary>
public sealed class AlternateContactChecks(AlternateContactService contacts, AlternateContactReports reports, LoadedConfig config, TimeProvider time)
{
    public static readonly TimeSpan DefaultMaxAge = TimeSpan.FromHours(24);

    /// <summary>How long a sweep holds a customer's check: longer than the delivery function's 5-minute timeout, so a lapsed hold means a dead sweep.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(10);

    public TimeSpan MaxAge { get; init; } = DefaultMaxAge;

    /// <summary>
    /// Checks the customers that are due, each for at most <paramref name="budget"/> (customers in parallel); a check
    /// that needs longer keeps its progress and the next sweep goes on from there. How many reports it stored.
    /// </summary>
    public async Task<int> CheckDueAsync(TimeSpan budget, CancellationToken ct)
    {
        var deadline = time.GetUtcNow() + budget;
        var configured = config.Config.Customers.Where(c => reports.NotConfigured(c) is null).ToList();
        var due = await Task.WhenAll(configured.Select(async c => await reports.IsDueAsync(c, MaxAge, ct) && await reports.TryClaimAsync(c, Lease, ct) ? c : null));
        var finished = await Task.WhenAll(due.OfType<CustomerConfig>().Select(c => CheckAsync(c, deadline, ct)));
        return finished.Count(done => done);
    }

    /// <summary>One step of the customer's check; true when it finished and its report is stored.</summary>
    private async Task<bool> CheckAsync(CustomerConfig customer, DateTimeOffset deadline, CancellationToken ct)
    {
        var progress = await reports.ProgressAsync(customer, ct);
        var startedAt = progress?.StartedAt ?? time.GetUtcNow();
        var step = await contacts.CheckStepAsync(customer, progress, deadline, ct);
        if (step.Drift is null)
        {
            await reports.SaveProgressAsync(customer.CustomerCode, step.Progress!, ct);
            return false;
        }
        await reports.SaveAsync(ContactReport.Checked(customer.CustomerCode, customer.DisplayName, time.GetUtcNow(), step.Drift), startedAt, ct);
        return true;
    }
}
