using System.Management.Automation;
using ChangeMgmt.Core.Delivery;

namespace ChangeMgmt.Cmdlets;

/// <summary>Gets what was sent for a change: to whom, which notification, when, and the SES message id.</summary>
[Cmdlet(VerbsCommon.Get, "ChangeDelivery")]
[OutputType(typeof(ChangeDelivery))]
public sealed class GetChangeDeliveryCommand : BackendCmdletBase
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string[] ChangeId { get; set; } = [];

    /// <summary>Only these customers (wildcards allowed).</summary>
    [Parameter]
    [Alias("CustomerCode")]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(CustomerCodeCompleter))]
    [ValidateNotNullOrEmpty]
    public string[]? Customer { get; set; }

    protected override void ProcessRecord()
    {
        var customers = CustomerSelector.Select(Config.Config, Customer);
        foreach (var missing in customers.NotFound) WriteError(Errors.CustomerNotFound(missing, Config.Config.CustomerMappings.Keys));
        var codes = customers.Customers.Select(c => c.CustomerCode).ToHashSet(StringComparer.Ordinal);
        foreach (var id in ChangeId)
        {
            try
            {
                Await(ct => Core.Changes.GetAsync(id, ct));
            }
            catch (Exception ex) when (ChangeWriteErrors.IsPerChange(ex) && ex is not ChangeMgmt.Core.Changes.ChangeDeletedException)
            {
                WriteError(Errors.For(ex, "Change", id));
                continue;
            }
            var records = Await(ct => Backend.Ledger.ListAsync(id, null, ct));
            WriteObject(records.Where(r => codes.Contains(r.Key.CustomerCode)).Select(ChangeDelivery.From)
                .OrderBy(d => d.CustomerCode, StringComparer.Ordinal).ThenBy(d => d.UpdatedAt), enumerateCollection: true);
        }
    }
}
