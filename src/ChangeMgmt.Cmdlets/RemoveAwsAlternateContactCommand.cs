using System.Management.Automation;
using ChangeMgmt.Core.AlternateContacts;

namespace ChangeMgmt.Cmdlets;

/// <summary>
/// Removes alternate contacts (the -Type given, else all three) from the accounts of customers' organizations, after
/// backing them up. -WhatIf outputs the plan per account and type (Remove, or Absent where there is none).
/// </summary>
[Cmdlet(VerbsCommon.Remove, "AwsAlternateContact", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(ContactChange))]
public sealed class RemoveAwsAlternateContactCommand : AlternateContactWriteCmdletBase
{
    protected override void ProcessRecord()
    {
        var filter = Filter;
        var context = Context("before Remove-AwsAlternateContact");
        ForEachCustomer("Removing alternate contacts", "AlternateContact", async (customer, pump, ct) =>
        {
            var service = ServiceFor(customer, pump, "reading alternate contacts");
            var plan = await service.PlanRemoveAsync([customer], filter, ct);
            await ApplyAsync(customer, service, plan, "Remove", context, pump, ct);
        });
    }
}
