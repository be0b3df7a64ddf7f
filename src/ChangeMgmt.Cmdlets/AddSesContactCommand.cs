using System.Management.Automation;
using ChangeMgmt.Core.Errors;
using ChangeMgmt.Core.Administration;
using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Cmdlets;

/// <summary>Adds contacts to customers' lists, subscribed to the given topics (other topics follow their defaults).</summary>
[Cmdlet(VerbsCommon.Add, "SesContact", SupportsShouldProcess = true)]
[OutputType(typeof(CustomerContact))]
public sealed class AddSesContactCommand : SesCmdletBase
{
    /// <summary>Addresses, from -EmailAddress or an EmailAddress/Email property of piped objects (not piped strings: a piped customer would turn into one).</summary>
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Email")]
    [ValidateNotNullOrEmpty]
    [ValidateEmailAddress]
    public string[] EmailAddress { get; set; } = [];

    /// <summary>Topics the contact is subscribed to (OPT_IN).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateNotNull]
    [ArgumentCompleter(typeof(TopicCompleter))]
    public string[] Topic { get; set; } = [];

    /// <summary>Topics the contact is unsubscribed from (OPT_OUT), whatever their default.</summary>
    [Parameter]
    [ValidateNotNull]
    [ArgumentCompleter(typeof(TopicCompleter))]
    public string[] OptOutTopic { get; set; } = [];

    /// <summary>The contact receives nothing from this list.</summary>
    [Parameter]
    public SwitchParameter UnsubscribeAll { get; set; }

    protected override void ProcessRecord()
    {
        if (!TopicsConfigured(Topic.Concat(OptOutTopic))) return;
        var preferences = Topic.Select(t => new TopicPreference(t, SubscriptionStatus.OptIn))
            .Concat(OptOutTopic.Select(t => new TopicPreference(t, SubscriptionStatus.OptOut))).ToList();
        var action = Topic.Length > 0 ? $"Add to the contact list, subscribed to {string.Join(", ", Topic)}" : "Add to the contact list (topics at their defaults)";
        var addresses = EmailAddress;
        var unsubscribeAll = UnsubscribeAll.IsPresent;
        ForEachCustomer("Adding contacts", "Contact", async (customer, pump, ct) =>
        {
            var progress = PumpProgress.Count(pump, this, customer.CustomerCode, $"Adding {customer.CustomerCode} contacts", addresses.Length);
            var done = 0;
            foreach (var address in addresses)
            {
                if (await pump.InvokeAsync(() => ShouldProcess($"{customer.CustomerCode}: contact {address}", action)))
                    await AddAsync(customer, address, pump, ct);
                progress.Report(++done);
            }
            progress.Complete();
        });

        async Task AddAsync(Core.Configuration.CustomerConfig customer, string address, PipelinePump pump, CancellationToken ct)
        {
            try
            {
                var contact = await Services.Contacts.AddAsync(customer, address, preferences, unsubscribeAll, ct);
                pump.Post(() => WriteObject(contact));
            }
            catch (ServiceException ex) when (ex.Kind is ServiceErrorKind.AlreadyExists or ServiceErrorKind.Validation)
            {
                pump.Post(() => WriteError(Errors.For(ex, "Contact", $"{customer.CustomerCode}: {address}")));
            }
        }
    }
}
