using System.Management.Automation;
using ChangeMgmt.Core.Readiness;

namespace ChangeMgmt.Cmdlets;

/// <summary>
/// Sets each customer's SES account up for ChangeMgmt, idempotently: configuration set, domain
/// identity with Easy DKIM, MAIL FROM, suppression reasons, production access (on request) and the
/// contact list with its topics. One record per step: Done, AlreadySo, Failed (with the fix), Skipped.
/// </summary>
[Cmdlet(VerbsData.Initialize, "SesAccount", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(SetupStepResult))]
public sealed class InitializeSesAccountCommand : SesCmdletBase
{
    /// <summary>Ask AWS for production access (PutAccountDetails) when the account is in the sandbox.</summary>
    [Parameter]
    public SwitchParameter RequestProductionAccess { get; set; }

    protected override void ProcessRecord()
    {
        var whatIf = WhatIfMode;
        ForEachCustomer("Initializing SES accounts", "SesAccountSetup", async (customer, pump, ct) =>
        {
            var setup = Services.Setup;
            var plan = await setup.PlanAsync(customer, RequestProductionAccess, ct);
            if (plan.HasWork && !await pump.InvokeAsync(() => ShouldProcess($"{customer.CustomerCode}: SES account", "Initialize: " + plan.Describe())))
            {
                if (whatIf) pump.Post(() => WriteObject(plan.Results, enumerateCollection: true));
                return;
            }
            var results = plan.HasWork ? await setup.ApplyAsync(plan, ct) : plan.Results;
            pump.Post(() => WriteObject(results, enumerateCollection: true));
        });
    }
}
