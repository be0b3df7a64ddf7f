using ChangeMgmt.Core.Changes;
using ChangeMgmt.Core.Configuration;

namespace ChangeMgmt.Core.Readiness;

/// <summary>
/// A change naming a customer whose SES account is not ready (<c>not_ready</c>) or could not be checked
/// (<c>readiness_unknown</c>): its notices to that customer would not be delivered, or might not be.
/// </summary>
public sealed class ReadinessWarnings(ChangeMgmtConfig config, CustomerReadinessCache readiness) : IChangeWarningSource
{
    public async Task<IReadOnlyList<ChangeWarning>> CheckAsync(Change change, CancellationToken ct)
    {
        var customers = change.Customers.Select(config.FindCustomer).OfType<CustomerConfig>();
        var states = await readiness.ReadAsync(customers, ct);
        return [.. states.Where(s => s.Ready != true).Select(Warning)];
    }

    private static ChangeWarning Warning(ReadinessState state)
    {
        var failure = state.FirstFailure;
        var reason = failure is null ? "" : $": {failure.Check} — {failure.Detail}{(failure.Fix is null ? "" : $". Fix: {failure.Fix}")}";
        return state.Ready is null
            ? new("readiness_unknown", "customers", $"Notices to {state.CustomerCode} may not be delivered: its SES account could not be checked{reason}", CustomerCode: state.CustomerCode)
            : new("not_ready", "customers", $"Notices to {state.CustomerCode} would not be delivered{reason}", CustomerCode: state.CustomerCode);
    }
}
