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
        var output = _ordered = new OrderedOutput(customers.Count, (item, enumerate) => base.WriteObject(item, enumerate));
        try
        {
            Run((pump, ct) => Parallel.ForEachAsync(customers.Select((customer, index) => (customer, index)),
                new ParallelOptions { MaxDegreeOfParallelism = ThrottleLimit, CancellationToken = ct },
                async (item, token) =>
                {
                    await RunCustomerAsync(item.customer, pump.Around(action => () => WriteFor(item.index, action)), noun, work, token);
                    pump.Post(() => output.Complete(item.index));
                    var finished = Interlocked.Increment(ref done);
                    pump.Post(() =>
                    {
                        progress.StatusDescription = $"{finished} of {customers.Count} customers ({item.customer.CustomerCode} done)";
                        progress.PercentComplete = finished * 100 / customers.Count;
                        WriteProgress(progress);
                    });
                }));
            progress.RecordType = ProgressRecordType.Completed;
            WriteProgress(progress);
        }
        finally
        {
            _ordered = null;
        }
    }

    private OrderedOutput? _ordered;
    private int? _writingFor;

    /// <summary>Objects written by one customer's work in ForEachCustomer come out in the customers' order (<see cref="OrderedOutput"/>).</summary>
    protected new void WriteObject(object? sendToPipeline) => WriteObject(sendToPipeline, false);

    protected new void WriteObject(object? sendToPipeline, bool enumerateCollection)
    {
        if (_ordered is { } output && _writingFor is { } index) output.Write(index, sendToPipeline, enumerateCollection);
        else base.WriteObject(sendToPipeline, enumerateCollection);
    }

    private void WriteFor(int index, Action action)
    {
        _writingFor = index;
        try
        {
            action();
        }
        finally
        {
            _writingFor = null;
        }
    }

    /// <summary>One customer's work; its exception becomes its own error record.</summary>
    private async Task RunCustomerAsync(CustomerConfig customer, PipelinePump pump, string noun, Func<CustomerConfig, PipelinePump, CancellationToken, Task> work, CancellationToken token)
    {
        try
        {
            await work(customer, pump, token);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !token.IsCancellationRequested)
        {
            pump.Post(() => WriteError(Errors.For(ex, noun, customer.CustomerCode)));
        }
    }
}

internal static class ProgressIds
{
    public const int Customers = 4201;
    public const int Items = 4202;

    /// <summary>One activity per customer for its own item progress, so customers running in parallel do not overwrite each other.</summary>
    public static int ForCustomer(string customerCode) => Items + 1 + (int)((uint)customerCode.GetHashCode(StringComparison.Ordinal) % 10_000);
}
