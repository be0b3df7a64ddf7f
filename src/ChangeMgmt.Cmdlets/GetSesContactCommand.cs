using System.Management.Automation;
using ChangeMgmt.Core.Errors;
using ChangeMgmt.Core.Administration;
using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Cmdlets;

/// <summary>Gets contacts of customers' lists: given addresses, or all (optionally those with a status on a topic).</summary>
[Cmdlet(VerbsCommon.Get, "SesContact", DefaultParameterSetName = AllContacts)]
[OutputType(typeof(CustomerContact))]
public sealed class GetSesContactCommand : SesCmdletBase
{
    private const string AllContacts = "AllContacts";
    private const string ByAddress = "ByAddress";

    /// <summary>Addresses, from -EmailAddress or an EmailAddress/Email property of piped objects (not piped strings: a piped customer would turn into one).</summary>
    [Parameter(Mandatory = true, ParameterSetName = ByAddress, ValueFromPipelineByPropertyName = true)]
    [Alias("Email")]
    [ValidateNotNullOrEmpty]
    [ValidateEmailAddress]
    public string[] EmailAddress { get; set; } = [];

    /// <summary>Only contacts with -Status (default OptIn) on this topic.</summary>
    [Parameter(ParameterSetName = AllContacts)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(TopicCompleter))]
    public string? Topic { get; set; }

    /// <summary>Only contacts with this status (on -Topic, else on any topic).</summary>
    [Parameter(ParameterSetName = AllContacts)]
    [ValidateSet("OptIn", "OptOut", "OPT_IN", "OPT_OUT")]
    public string? Status { get; set; }

    protected override void ProcessRecord()
    {
        if (Topic is not null && !TopicsConfigured([Topic])) return;
        var filter = Topic is null && Status is null ? null : new ContactFilter(Status is null ? SubscriptionStatus.OptIn : ParameterValues.Status(Status), Topic);
        var addresses = ParameterSetName == ByAddress ? EmailAddress : null;
        ForEachCustomer("Reading contacts", "Contact", async (customer, pump, ct) =>
        {
            if (addresses is not null)
            {
                foreach (var address in addresses)
                {
                    try
                    {
                        var contact = await Services.Contacts.GetAsync(customer, address, ct);
                        pump.Post(() => WriteObject(contact));
                    }
                    catch (ServiceException ex) when (ex.Kind == ServiceErrorKind.NotFound)
                    {
                        pump.Post(() => WriteError(Errors.For(ex, "Contact", $"{customer.CustomerCode}: {address}")));
                    }
                }
                return;
            }
            var batch = new List<CustomerContact>();
            await foreach (var contact in Services.Contacts.ListAsync(customer, filter, ct))
            {
                batch.Add(contact);
                if (batch.Count < 100) continue;
                var page = batch;
                pump.Post(() => WriteObject(page, enumerateCollection: true));
                batch = [];
            }
            pump.Post(() => WriteObject(batch, enumerateCollection: true));
        });
    }
}
