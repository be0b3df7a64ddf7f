using System.Management.Automation;
using ChangeMgmt.Core.Administration;

namespace ChangeMgmt.Cmdlets;

/// <summary>Gets topics: as configured (SESConfig.json, expanded), or live in customers' contact lists.</summary>
[Cmdlet(VerbsCommon.Get, "SesTopic")]
[OutputType(typeof(TopicView))]
public sealed class GetSesTopicCommand : SesCmdletBase
{
    /// <summary>Only topics with these names (wildcards allowed).</summary>
    [Parameter]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(TopicCompleter))]
    public string[]? TopicName { get; set; }

    protected override void ProcessRecord()
    {
        if (!All && Customer is not { Length: > 0 })
        {
            WriteObject(Config.Topics.Select(TopicView.FromConfig).Where(Wanted), enumerateCollection: true);
            return;
        }
        ForEachCustomer("Reading topics", "ContactList", async (customer, pump, ct) =>
        {
            var list = await Services.Lists.GetAsync(customer, null, ct);
            var topics = list.Topics.Select(t => TopicView.FromLive(customer.CustomerCode, list.ContactListName, t, Config.Topics)).Where(Wanted).ToList();
            pump.Post(() => WriteObject(topics, enumerateCollection: true));
        });
    }

    private bool Wanted(TopicView topic) =>
        TopicName is not { Length: > 0 } || TopicName.Any(p => WildcardPattern.Get(p, WildcardOptions.IgnoreCase).IsMatch(topic.TopicName));
}
