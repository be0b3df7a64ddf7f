using ChangeMgmt.Core.Customers;
using System.Management.Automation;
using ChangeMgmt.Core.Delivery;

namespace ChangeMgmt.Cmdlets;

/// <summary>Deletes a customer's contact list with all its contacts, after backing it up.</summary>
[Cmdlet(VerbsCommon.Remove, "SesContactList", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(void))]
public sealed class RemoveSesContactListCommand : SesCmdletBase
{
    /// <summary>The list; else the customer's list (also when a piped customer has no contact_list_name).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [AllowEmptyString]
    [AllowNull]
    public string? ContactListName { get; set; }

    private string? ListName => string.IsNullOrWhiteSpace(ContactListName) ? null : ContactListName;

    protected override void ProcessRecord() =>
        ForEachCustomer("Removing contact lists", "ContactList", async (customer, pump, ct) =>
        {
            var name = ListName ?? await CustomerListLookup.NameAsync(Backend.SesAccounts.ForCustomer(customer.CustomerCode), customer, ct);
            if (!await pump.InvokeAsync(() => ShouldProcess($"{customer.CustomerCode}: contact list {name}", "Delete the list and all its contacts (a backup is taken first)")))
                return;
            var backup = await Services.Lists.RemoveAsync(customer, name, ct);
            pump.Post(() => TellBackup(backup));
        });
}
