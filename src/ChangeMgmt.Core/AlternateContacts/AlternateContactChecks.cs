using ChangeMgmt.Core.Configuration;

namespace ChangeMgmt.Core.AlternateContacts;

/// <summary>
/// The sweep's drift check: every configured customer whose report is older than <see cref="MaxAge"/> or was asked for
/// is checked again (customers in parallel, each organization's calls paced by the adapter) and its report stored. A
/// customer whose organization fails has that failure, with its fix, in its report; the others go on.
/// </summary>
public sealed class AlternateContactChecks(AlternateContactService contacts, AlternateContactReports reports, LoadedConfig config, TimeProvider time)
{
    public static readonly TimeSpan DefaultMaxAge = TimeSpan.FromHours(24);

    /// <summary>How long a sweep holds a customer's check: longer than the delivery function's 5-minute timeout, so a lapsed hold means a dead sweep.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(10);

    public TimeSpan MaxAge { get; init; } = DefaultMaxAge;

    /// <summary>Checks the customers that are due; how many reports it stored.</summary>
    public async Task<int> CheckDueAsync(CancellationToken ct)
    {
        var configured = config.Config.Customers.Where(c => reports.NotConfigured(c) is null).ToList();
        var due = await Task.WhenAll(configured.Select(async c => await reports.IsDueAsync(c, MaxAge, ct) && await reports.TryClaimAsync(c, Lease, ct) ? c : null));
        var checks = due.OfType<CustomerConfig>().Select(c => CheckAsync(c, ct)).ToList();
        await Task.WhenAll(checks);
        return checks.Count;
    }

    private async Task CheckAsync(CustomerConfig customer, CancellationToken ct)
    {
        var startedAt = time.GetUtcNow();
        var drift = await contacts.DriftAsync([customer], AlternateContactFilter.All, ct);
        await reports.SaveAsync(ContactReport.Checked(customer.CustomerCode, customer.DisplayName, time.GetUtcNow(), drift), startedAt, ct);
    }
}
