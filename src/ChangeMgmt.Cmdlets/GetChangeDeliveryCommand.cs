using System.Management.Automation;
using ChangeMgmt.Core.Delivery;

namespace ChangeMgmt.Cmdlets;

/// <summary>Gets what was sent for a change: to whom, which notification, when, and the SES message id.</summary>
[Cmdlet(VerbsCommon.Get, "ChangeDelivery")]
[OutputType(typeof(ChangeDelivery))]
public sealed class GetChangeDeliveryCommand : ChangeIdsCmdletBase
{
    protected override void ProcessRecord()
    {
        var codes = SelectedCustomers;
        foreach (var id in ChangeId)
        {
            if (FindChange(id) is null) continue;
            var records = Await(ct => Backend.Ledger.ListAsync(id, null, ct));
            WriteObject(records.Where(r => codes.Contains(r.Key.CustomerCode)).Select(ChangeDelivery.From)
                .OrderBy(d => d.CustomerCode, StringComparer.Ordinal).ThenBy(d => d.UpdatedAt), enumerateCollection: true);
        }
    }
}
