using System.Management.Automation;
using ChangeMgmt.Core.Delivery;

namespace ChangeMgmt.Cmdlets;

/// <summary>
/// Gets what was sent for a change: to whom, which notification, when, and the SES message id; with
/// -Status, each customer's delivery status as /status reads it (retrying attempts, dead letters).
/// </summary>
[Cmdlet(VerbsCommon.Get, "ChangeDelivery", DefaultParameterSetName = RecordsSet)]
[OutputType(typeof(ChangeDelivery), ParameterSetName = [RecordsSet])]
[OutputType(typeof(CustomerDeliveryStatus), ParameterSetName = [StatusSet])]
public sealed class GetChangeDeliveryCommand : BackendCmdletBase
{
    private const string RecordsSet = "Records";
    private const string StatusSet = "Status";

    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ChangeIdCompleter))]
    public string[] ChangeId { get; set; } = [];

    /// <summary>Only these customers (wildcards allowed).</summary>
    [Parameter]
    [Alias("CustomerCode")]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(CustomerCodeCompleter))]
    [ValidateNotNullOrEmpty]
    public string[]? Customer { get; set; }

    /// <summary>One status per customer for the change's current version, instead of one record per email.</summary>
    [Parameter(Mandatory = true, ParameterSetName = StatusSet)]
    public SwitchParameter Status { get; set; }

    protected override void ProcessRecord()
    {
        var codes = SelectCustomers(Customer).Select(c => c.CustomerCode).ToHashSet(StringComparer.Ordinal);
        foreach (var id in ChangeId)
        {
            ChangeMgmt.Core.Changes.Change change;
            try
            {
                change = Await(ct => Core.Changes.GetAsync(id, ct)).Change;
            }
            catch (Exception ex) when (ChangeWriteErrors.IsPerChange(ex) && ex is not ChangeMgmt.Core.Changes.ChangeDeletedException)
            {
                WriteError(Errors.For(ex, "Change", id));
                continue;
            }
            if (Status)
            {
                var scoped = change with { Customers = [.. change.Customers.Where(codes.Contains)] };
                WriteObject(Await(ct => DeliveryStatus.ReadAsync(scoped, Backend.Ledger, Backend.DeadLetters, Backend.Objects, ct)), enumerateCollection: true);
                continue;
            }
            var records = Await(ct => Backend.Ledger.ListAsync(id, null, ct));
            WriteObject(records.Where(r => codes.Contains(r.Key.CustomerCode)).Select(ChangeDelivery.From)
                .OrderBy(d => d.CustomerCode, StringComparer.Ordinal).ThenBy(d => d.UpdatedAt), enumerateCollection: true);
        }
    }
}
