using System.Management.Automation;
using ChangeMgmt.Core.Readiness;

namespace ChangeMgmt.Cmdlets;

/// <summary>
/// Sends one test message through a customer's delivery path (its role, configuration set, contact
/// list and topic, templates) to one address, and writes the message id. SES mailbox simulator
/// addresses need not be contacts; other addresses are sent to as well, and the output says whether
/// they are contacts.
/// </summary>
[Cmdlet(VerbsCommunications.Send, "SesTestEmail", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(TestEmailResult))]
public sealed class SendSesTestEmailCommand : SesCmdletBase
{
    /// <summary>The recipient: any address, or success@/bounce@/complaint@/suppressionlist@simulator.amazonses.com.</summary>
    [Parameter(Mandatory = true)]
    [ValidateEmailAddress]
    public string To { get; set; } = "";

    /// <summary>The topic the message is sent under (list management); else the announcement topic.</summary>
    [Parameter]
    [ArgumentCompleter(typeof(TopicCompleter))]
    [ValidateNotNullOrEmpty]
    public string? Topic { get; set; }

    protected override void ProcessRecord()
    {
        if (Topic is not null && !TopicsConfigured([Topic])) return;
        ForEachCustomer("Sending test messages", "TestEmail", async (customer, pump, ct) =>
        {
            if (!await pump.InvokeAsync(() => ShouldProcess($"{customer.CustomerCode}: {To}", "Send a test message")))
                return;
            var result = await Services.TestEmail.SendAsync(customer, To, Topic, ct);
            pump.Post(() =>
            {
                if (!result.IsContact && !result.IsSimulator)
                    WriteWarning($"{customer.CustomerCode}: {To} is not a contact of {result.ContactListName}; the message was sent as a test only.");
                WriteObject(result);
            });
        });
    }
}
