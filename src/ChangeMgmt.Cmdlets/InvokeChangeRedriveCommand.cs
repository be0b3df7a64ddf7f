using System.Management.Automation;
using ChangeMgmt.Core.Delivery;

namespace ChangeMgmt.Cmdlets;

/// <summary>
/// Sends each customer's dead letters back to its queue (after the cause is fixed, e.g. its SES account
/// recovered): kept ones as new messages, the queue's own from its dead-letter queue.
/// </summary>
[Cmdlet(VerbsLifecycle.Invoke, "ChangeRedrive", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(RedriveResult))]
public sealed class InvokeChangeRedriveCommand : CustomerCmdletBase
{
    protected override void ProcessRecord()
    {
        ForEachCustomer("Redriving dead letters", "DeadLetters", async (customer, pump, ct) =>
        {
            var code = customer.CustomerCode;
            var letters = await Core.DeadLetters.ListAsync([code], null, ct);
            if (letters.Count == 0)
            {
                pump.Post(() => WriteVerbose($"{code}: no dead letters."));
                return;
            }
            var changes = string.Join(", ", letters.Select(l => l.ChangeId ?? l.MessageId).Distinct(StringComparer.Ordinal));
            if (!await pump.InvokeAsync(() => ShouldProcess($"{code}: {letters.Count} dead letter(s) ({changes})", "Send back to the customer's queue")))
                return;
            var result = await Core.DeadLetters.RedriveAsync(code, ct);
            pump.Post(() => WriteObject(result));
        });
    }
}
