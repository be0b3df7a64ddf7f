using ChangeMgmt.Core.Configuration;
using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Core.Readiness;

/// <summary>A customer's readiness as last read: Ready is null when it could not be read (unknown, so not known to be ready).</summary>
public sealed record ReadinessState(string CustomerCode, bool? Ready, DeliverabilityResult? FirstFailure, DateTimeOffset CheckedAt)
{
    public static ReadinessState Of(CustomerReadiness readiness, DateTimeOffset at) =>
        new(readiness.CustomerCode, readiness.Ready ? true : readiness.FirstFailure?.Status == CheckStatus.Unknown ? null : false, readiness.FirstFailure, at);
}

/// <summary>
/// Customers' readiness for the portal and the change warnings, read through <see cref="DeliverabilityCheck"/>
/// and kept for <see cref="Lifetime"/>: each check costs several SES calls, which an account paces at about
/// one a second, so a page load must not check 30 accounts. A read that fails or overruns is unknown, never an error.
/// </summary>
public sealed class CustomerReadinessCache(DeliverabilityCheck check, TimeProvider time)
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, Task<ReadinessState>> entries = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim parallel = new(8);

    public CustomerReadinessCache(EmailConfig email, ISesAccountProvider accounts, TimeProvider time) : this(new DeliverabilityCheck(email, accounts), time) { }

    public TimeSpan Lifetime { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>An unknown answer is asked again sooner: the cause is often passing (throttling, a timeout).</summary>
    public TimeSpan UnknownLifetime { get; init; } = TimeSpan.FromMinutes(1);

    public TimeSpan CheckTimeout { get; init; } = TimeSpan.FromSeconds(20);

    public async Task<IReadOnlyList<ReadinessState>> ReadAsync(IEnumerable<CustomerConfig> customers, CancellationToken ct) =>
        await Task.WhenAll(customers.Select(c => ReadAsync(c, ct)));

    public Task<ReadinessState> ReadAsync(CustomerConfig customer, CancellationToken ct)
    {
        lock (gate)
        {
            if (!entries.TryGetValue(customer.CustomerCode, out var entry) || Expired(entry))
                entries[customer.CustomerCode] = entry = Task.Run(() => CheckAsync(customer));
            // One caller giving up does not cancel the read the others share.
            return entry.WaitAsync(ct);
        }
    }

    private bool Expired(Task<ReadinessState> entry)
    {
        if (!entry.IsCompletedSuccessfully) return false;
        var state = entry.Result;
        return time.GetUtcNow() - state.CheckedAt >= (state.Ready is null ? UnknownLifetime : Lifetime);
    }

    private async Task<ReadinessState> CheckAsync(CustomerConfig customer)
    {
        await parallel.WaitAsync();
        try
        {
            using var timeout = new CancellationTokenSource(CheckTimeout, time);
            return ReadinessState.Of(await check.ReadinessAsync(customer, timeout.Token), time.GetUtcNow());
        }
        catch (Exception ex)
        {
            var reason = ex is OperationCanceledException ? $"no answer within {CheckTimeout.TotalSeconds:0} seconds" : ex.Message;
            var unknown = new DeliverabilityResult(customer.CustomerCode, "Account", CheckStatus.Unknown, $"could not be read: {reason}",
                "Check the customer's SES role and try again in a minute (Test-ChangeMgmtConfig -Deliverability shows every check).");
            return new ReadinessState(customer.CustomerCode, null, unknown, time.GetUtcNow());
        }
        finally
        {
            parallel.Release();
        }
    }
}
