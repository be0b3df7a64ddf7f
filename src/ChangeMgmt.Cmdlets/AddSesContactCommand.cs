using System.Management.Automation;
using ChangeMgmt.Core.Errors;
using ChangeMgmt.Core.Administration;
using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Cmdlets;

/// <summary>Adds contacts to customers' lists, subscribed to the given topics (other topics follow their defaults).</summary>
[Cmdlet(VerbsCommon.Add, "SesContact", SupportsShouldProcess = true)]
[OutputType(typeof(CustomerContact))]
public sealed class AddSesContactCommand : SesAddressCmdletBase
{
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
        var unsubscribeAll = UnsubscribeAll.IsPresent;
        ForEachAddress(new("Adding contacts", "Contact", action, kind => kind is ServiceErrorKind.AlreadyExists or ServiceErrorKind.Validation), async (customer, address, pump, ct) =>
        {
            var contact = await Services.Contacts.AddAsync(customer, address, preferences, unsubscribeAll, ct);
            pump.Post(() => WriteObject(contact));
        });
    }
}
