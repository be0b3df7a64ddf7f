using System.Management.Automation;
using ChangeMgmt.Core.AlternateContacts;

namespace ChangeMgmt.Cmdlets;

/// <summary>
/// The security, billing and operations alternate contacts of every ACTIVE account of customers' organizations (one
/// object per account and type; Name and the rest empty where the account has none). A customer or account that
/// cannot be read is an error with its fix; the others are still read.
/// </summary>
[Cmdlet(VerbsCommon.Get, "AwsAlternateContact")]
[OutputType(typeof(AccountContact))]
public sealed class GetAwsAlternateContactCommand : AlternateContactCmdletBase
{
    protected override void ProcessRecord()
    {
        var filter = Filter;
        ForEachCustomer("Reading alternate contacts", "AlternateContact", async (customer, pump, ct) =>
        {
            var reading = await ServiceFor(customer, pump, "reading alternate contacts").GetAsync([customer], filter, ct);
            pump.Post(() =>
            {
                WriteObject(reading.Contacts, enumerateCollection: true);
                foreach (var failure in reading.Failures) WriteFailure(failure);
            });
        });
    }
}
