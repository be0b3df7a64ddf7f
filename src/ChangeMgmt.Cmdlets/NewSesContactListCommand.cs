using System.Management.Automation;
using ChangeMgmt.Core.Administration;

namespace ChangeMgmt.Cmdlets;

/// <summary>Creates each customer's contact list with the configured topics.</summary>
[Cmdlet(VerbsCommon.New, "SesContactList", SupportsShouldProcess = true)]
[OutputType(typeof(CustomerContactList))]
public sealed class NewSesContactListCommand : SesCmdletBase
{
    /// <summary>The list name; else contact_list_name from config.json; else changemgmt.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? ContactListName { get; set; }

    [Parameter]
    public string? Description { get; set; }

    protected override void ProcessRecord() =>
        ForEachCustomer("Creating contact lists", "ContactList", async (customer, pump, ct) =>
        {
            var name = ContactListName ?? ContactListService.ConfiguredName(customer);
            var topics = Config.Topics.Count;
            if (!await pump.InvokeAsync(() => ShouldProcess($"{customer.CustomerCode}: contact list {name}", $"Create with {topics} configured topics")))
                return;
            var list = await Services.Lists.CreateAsync(customer, name, Description, ct);
            pump.Post(() => WriteObject(list));
        });
}
