using System.Management.Automation;
using ChangeMgmt.Core.Delivery;

namespace ChangeMgmt.Cmdlets;

/// <summary>Gets where each customer's notifications of a change's current version are, exactly as the portal's /status reads it.</summary>
[Cmdlet(VerbsCommon.Get, "ChangeDeliveryStatus")]
[OutputType(typeof(CustomerDeliveryStatus))]
public sealed class GetChangeDeliveryStatusCommand : ChangeIdsCmdletBase
{
    protected override void ProcessRecord()
    {
        foreach (var id in ChangeId)
        {
            if (FindChange(id) is not { } change) continue;
            var scoped = change with { Customers = [.. change.Customers.Where(SelectedCustomers.Contains)] };
            WriteObject(Await(ct => Core.DeliveryStatus.ReadAsync(scoped, ct)), enumerateCollection: true);
        }
    }
}
