using ChangeMgmt.Core.Customers;
using System.Management.Automation;
using ChangeMgmt.Core.Errors;
using ChangeMgmt.Core.Administration;
using ChangeMgmt.Core.Delivery;

namespace ChangeMgmt.Cmdlets;

/// <summary>Gets the contact lists in each customer's SES account.</summary>
[Cmdlet(VerbsCommon.Get, "SesContactList")]
[OutputType(typeof(CustomerContactList))]
public sealed class GetSesContactListCommand : SesCmdletBase
{
    /// <summary>Only lists with this name (wildcards allowed).</summary>
    [Parameter]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string? ContactListName { get; set; }

    protected override void ProcessRecord() =>
        ForEachCustomer("Reading contact lists", "ContactList", async (customer, pump, ct) =>
        {
            var pattern = WildcardPattern.Get(ContactListName ?? "*", WildcardOptions.IgnoreCase);
            var lists = (await Services.Lists.ListAsync(customer, ct)).Where(l => pattern.IsMatch(l.ContactListName)).ToList();
            if (lists.Count == 0 && ContactListName is null)
                throw new ContactListMissingException(customer, null, []);
            if (lists.Count == 0 && ContactListName is { } name && !WildcardPattern.ContainsWildcardCharacters(name))
                throw new ServiceException(ServiceErrorKind.NotFound, $"{customer.CustomerCode}: the SES account has no contact list {name}.", customer.CustomerCode);
            pump.Post(() => WriteObject(lists, enumerateCollection: true));
        });
}
