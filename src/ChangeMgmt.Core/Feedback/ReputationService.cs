using System.Collections.Concurrent;
using ChangeMgmt.Core.Configuration;
using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Core.Feedback;

/// <summary>
/// Each customer's reputation from the ledger's outcomes (an index read per window, never a scan) and SES's own
/// account status. Customers are read in parallel; one customer's SES being unreachable shows as its SesError only.
/// </summary>
public sealed class ReputationService(ChangeMgmtConfig config, IDeliveryOutcomes outcomes, ISesAccountProvider accounts, TimeProvider time)
{
    private const int AtOnce = 8;

    public ReputationThresholds Thresholds { get; } = config.Reputation?.Thresholds ?? ReputationThresholds.Default;

    public async Task<IReadOnlyList<CustomerReputation>> GetAsync(IEnumerable<CustomerConfig> customers, bool withSes, CancellationToken ct)
    {
        var list = customers.ToList();
        var results = new CustomerReputation[list.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, list.Count), new ParallelOptions { MaxDegreeOfParallelism = AtOnce, CancellationToken = ct },
            async (i, token) => results[i] = await GetAsync(list[i], withSes, token));
        return results;
    }

    public async Task<CustomerReputation> GetAsync(CustomerConfig customer, bool withSes, CancellationToken ct)
    {
        var t = Thresholds;
        var counts = await outcomes.CountAsync(customer.CustomerCode, time.GetUtcNow().AddDays(-t.Days), t.LastSends, ct);
        var recent = ReputationWindow.From($"the last {t.Days} days", counts.Since);
        var last = ReputationWindow.From($"the last {t.LastSends} sends", counts.LastSends);
        var (details, sesError) = withSes ? await SesAccountAsync(customer, ct) : (null, null);
        var (status, reason) = ReputationRules.Judge(t, details?.EnforcementStatus, details?.SendingEnabled, recent, last);
        return new(customer.CustomerCode, status, reason, recent, last, details?.EnforcementStatus, details?.SendingEnabled, sesError,
            t.BounceRateWarning, t.ComplaintRateWarning);
    }

    /// <summary>SES's verdict changes over days, and the portal's dashboard asks on every load: reuse an answer this long.</summary>
    public static readonly TimeSpan SesStatusLifetime = TimeSpan.FromMinutes(5);

    private readonly ConcurrentDictionary<string, (DateTimeOffset At, SesAccountDetails? Details, string? Error)> _ses = new(StringComparer.Ordinal);

    private async Task<(SesAccountDetails?, string?)> SesAccountAsync(CustomerConfig customer, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        if (_ses.TryGetValue(customer.CustomerCode, out var cached) && now - cached.At < SesStatusLifetime)
            return (cached.Details, cached.Error);
        (SesAccountDetails?, string?) answer;
        try { answer = (await accounts.ForCustomer(customer.CustomerCode).GetAccountAsync(ct), null); }
        catch (Exception ex) when (ex is not OperationCanceledException) { answer = (null, ex.Message); }
        _ses[customer.CustomerCode] = (now, answer.Item1, answer.Item2);
        return answer;
    }
}
