using ChangeMgmt.Core.Customers;
using System.Management.Automation;
using ChangeMgmt.Core.Identity;
using Delivery = ChangeMgmt.Core.Delivery;

namespace ChangeMgmt.Cmdlets;

/// <summary>
/// Keeps each customer's SES contact list in step with its identity store: adds active users with
/// an email (subscribed to OPT_IN topics and the topics their roles call for), removes contacts this
/// tool added whose users left, and leaves everyone's own preferences alone. -WhatIf shows the plan.
/// </summary>
[Cmdlet(VerbsData.Import, "IdentityCenterContact", SupportsShouldProcess = true)]
[Alias("Import-IdentityCenterContacts")]
[OutputType(typeof(ContactImportSummary), typeof(ContactImportPlan))]
public sealed class ImportIdentityCenterContactCommand : IdentityCmdletBase
{
    /// <summary>Also remove contacts that were added by hand, when their address is in no active user.</summary>
    [Parameter]
    public SwitchParameter RemoveUnmanaged { get; set; }

    protected override void ProcessRecord()
    {
        var directory = ResolvedExportDirectory;
        var options = new ContactImportOptions(RemoveUnmanaged.IsPresent);
        var whatIf = WhatIfMode;
        ForEachCustomer("Importing Identity Center contacts", "IdentityCenterImport", async (customer, pump, ct) =>
        {
            var snapshot = await ReadSnapshotAsync(customer, pump, directory, ct);
            var account = Backend.SesAccounts.ForCustomer(customer.CustomerCode);
            var plan = await ContactImporter.PlanAsync(customer, Config.Topics, snapshot, account, options, ct);
            var action = $"Add {plan.ToAdd.Count} contacts ({plan.Subscriptions} topic subscriptions), remove {plan.ToRemove.Count}, leave {plan.Unchanged.Count}";
            if (!await pump.InvokeAsync(() => ShouldProcess($"{customer.CustomerCode}: contact list from identity store {plan.IdentityStoreId}", action)))
            {
                if (whatIf) pump.Post(() => WriteObject(plan));
                return;
            }
            if (plan.ToRemove.Count > 0)
            {
                var list = await CustomerListLookup.NameAsync(account, customer, ct);
                var backup = await Services.Backups.TakeAsync(customer, list, "before Import-IdentityCenterContact removals", ct);
                pump.Post(() => TellBackup(backup));
            }
            var eta = new ProgressEta();
            var progress = new PumpProgress<ImportProgress>(pump, this,
                new ProgressRecord(ProgressIds.ForCustomer(customer.CustomerCode), $"{customer.CustomerCode}: importing contacts", "starting"), (record, value) =>
                {
                    record.StatusDescription = $"{value.Action} {value.Email} ({value.Done} of {value.Total})";
                    eta.Describe(record, value.Done, value.Total);
                });
            var summary = await ContactImporter.ApplyAsync(customer, plan, account, progress, ct);
            progress.Complete();
            pump.Post(() =>
            {
                foreach (var failure in summary.Failures)
                    WriteError(Errors.For(failure.Error, "Contact", $"{failure.CustomerCode}: {failure.Email}"));
                WriteObject(summary);
            });
        });
    }
}
