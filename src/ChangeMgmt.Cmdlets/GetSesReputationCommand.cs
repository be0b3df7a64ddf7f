using System.Management.Automation;
using ChangeMgmt.Core.Feedback;

namespace ChangeMgmt.Cmdlets;

/// <summary>Gets each customer's bounce and complaint rates from the delivery ledger, judged against config's thresholds and SES's own account status.</summary>
[Cmdlet(VerbsCommon.Get, "SesReputation")]
[OutputType(typeof(CustomerReputation))]
public sealed class GetSesReputationCommand : CustomerCmdletBase
{
    /// <summary>Reads only the ledger, not SES's account status (no call into the customers' accounts).</summary>
    [Parameter]
    public SwitchParameter LedgerOnly { get; set; }

    protected override void ProcessRecord()
    {
        var withSes = !LedgerOnly;
        ForEachCustomer("Reading reputation", "Reputation", async (customer, pump, ct) =>
        {
            var reputation = await Core.Reputation.GetAsync(customer, withSes, ct);
            pump.Post(() => WriteObject(reputation));
        });
    }
}
