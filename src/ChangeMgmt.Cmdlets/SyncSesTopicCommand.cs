using System.Management.Automation;
using ChangeMgmt.Core.Administration;

namespace ChangeMgmt.Cmdlets;

/// <summary>
/// Brings each customer's live contact list topics in line with configuration, in place: the list
/// is never deleted and every contact keeps its preferences (except for topics removed).
/// </summary>
[Cmdlet(VerbsData.Sync, "SesTopic", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(TopicChange))]
public sealed class SyncSesTopicCommand : SesCmdletBase
{
    /// <summary>The list; else the customer's list (also when a piped customer has no contact_list_name).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [AllowEmptyString]
    [AllowNull]
    public string? ContactListName { get; set; }

    private string? ListName => string.IsNullOrWhiteSpace(ContactListName) ? null : ContactListName;

    protected override void ProcessRecord()
    {
        var whatIf = WhatIfMode;
        ForEachCustomer("Syncing topics", "ContactList", async (customer, pump, ct) =>
        {
            var plan = await Services.Topics.PlanAsync(customer, ListName, ct);
            if (plan.InSync)
            {
                pump.Post(() => WriteVerbose($"{customer.CustomerCode}: contact list {plan.Live.ContactListName} already has the configured topics."));
                return;
            }
            var action = "Sync topics: " + string.Join("; ", plan.Changes.Select(c => c.Description));
            if (!await pump.InvokeAsync(() => ShouldProcess($"{customer.CustomerCode}: contact list {plan.Live.ContactListName}", action)))
            {
                if (whatIf) pump.Post(() => WriteObject(plan.Changes, enumerateCollection: true));
                return;
            }
            var backup = await Services.Topics.ApplyAsync(customer, plan, ct);
            pump.Post(() =>
            {
                if (backup is not null) TellBackup(backup);
                WriteObject(plan.Changes, enumerateCollection: true);
            });
        });
    }
}
