using System.Management.Automation;
using ChangeMgmt.Core.Configuration;

namespace ChangeMgmt.Cmdlets;

/// <summary>
/// Cmdlets that act per customer: -Customer (codes, wildcards, from the pipeline by property
/// name) or -All, run in parallel up to -ThrottleLimit; each customer's failure is its own
/// non-terminating error while the others go on.
/// </summary>
public abstract class CustomerCmdletBase : BackendCmdletBase
{
    /// <summary>Customer codes (wildcards allowed).</summary>
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("CustomerCode")]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(CustomerCodeCompleter))]
    [ValidateNotNullOrEmpty]
    public virtual string[]? Customer { get; set; }

    /// <summary>Every configured customer.</summary>
    [Parameter]
    public SwitchParameter All { get; set; }

    /// <summary>How many customers run at once.</summary>
    [Parameter]
    [ValidateRange(1, 64)]
    public int ThrottleLimit { get; set; } = 10;

    /// <summary>The customers this record names (reporting codes that match none), or terminates when neither -Customer nor -All is given.</summary>
    protected IReadOnlyList<CustomerConfig> SelectedCustomers()
    {
        if (All && Customer is { Length: > 0 })
            ThrowTerminatingError(Errors.InvalidArgument("CustomerAndAll", "Give -Customer or -All, not both.", null));
        if (!All && Customer is not { Length: > 0 })
            ThrowTerminatingError(Errors.InvalidArgument("CustomerRequired", "Give -Customer with one or more customer codes, or -All for every customer (Get-ChangeMgmtCustomer lists them).", null));
        return SelectCustomers(All ? null : Customer);
    }

    /// <summary>
    /// Runs <paramref name="work"/> for each selected customer in parallel (at most -ThrottleLimit),
    /// with progress; a customer's exception becomes its own error record (<paramref name="noun"/> names the failure).
    /// </summary>
    private protected void ForEachCustomer(string activity, string noun, Func<CustomerConfig, PipelinePump, CancellationToken, Task> work) =>
        ForEachCustomer(SelectedCustomers(), activity, noun, work);

    private protected void ForEachCustomer(IReadOnlyList<CustomerConfig> customers, string activity, string noun, Func<CustomerConfig, PipelinePump, CancellationToken, Task> work)
    {
        if (customers.Count == 0) return;
        var done = 0;
        var progress = new ProgressRecord(ProgressIds.Customers, activity, $"0 of {customers.Count} customers");
        Run(async (pump, ct) =>
        {
            var options = new ParallelOptions { MaxDegreeOfParallelism = ThrottleLimit, CancellationToken = ct };
            await Parallel.ForEachAsync(customers, options, async (customer, token) =>
            {
                try
                {
                    await work(customer, pump, token);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !token.IsCancellationRequested)
                {
                    pump.Post(() => WriteError(Errors.For(ex, noun, customer.CustomerCode)));
                }
                var finished = Interlocked.Increment(ref done);
                pump.Post(() =>
                {
                    progress.StatusDescription = $"{finished} of {customers.Count} customers ({customer.CustomerCode} done)";
                    progress.PercentComplete = finished * 100 / customers.Count;
                    WriteProgress(progress);
                });
            });
            pump.Post(() => { progress.RecordType = ProgressRecordType.Completed; WriteProgress(progress); });
        });
    }
}

internal static class ProgressIds
{
    public const int Customers = 4201;
    public const int Items = 4202;

    /// <summary>One activity per customer for its own item progress, so customers running in parallel do not overwrite each other.</summary>
    public static int ForCustomer(string customerCode) => Items + 1 + (int)((uint)customerCode.GetHashCode(StringComparison.Ordinal) % 10_000);
}
