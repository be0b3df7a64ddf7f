using System.Management.Automation;
using System.Diagnostics;
using ChangeMgmt.Core.Changes;
using ChangeMgmt.Core.Configuration;
using ChangeMgmt.Core.Delivery;

namespace ChangeMgmt.Cmdlets;

/// <summary>
/// Sends one change's notifications for one event (its current status by default) to chosen
/// customers now, without the queue. The delivery ledger still holds: nobody gets the same
/// notification twice. -WhatIf renders and lists, per customer, who would receive which email and who is
/// skipped and why (already sent per the ledger, unsubscribed, suppressed, restricted), sending and recording nothing.
/// </summary>
[Cmdlet(VerbsCommunications.Send, "ChangeNotification", SupportsShouldProcess = true)]
[OutputType(typeof(CustomerDelivery))]
public sealed class SendChangeNotificationCommand : CustomerCmdletBase
{
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ChangeIdCompleter))]
    public string ChangeId { get; set; } = "";

    /// <summary>The event to announce: the change's current status, or one it has passed through.</summary>
    [Parameter]
    [ValidateSet("Submitted", "Approved", "Completed", "Cancelled")]
    public string? Event { get; set; }

    protected override void ProcessRecord()
    {
        var stored = Get(ChangeId);
        var change = ForEvent(stored, Event is null ? null : ParameterValues.ChangeStatus(Event));
        // Without -Customer/-All: every customer the change names. With them: only customers the change names.
        var chosen = Customer is { Length: > 0 } || All ? SelectedCustomers() : Config.Config.Customers.ToList();
        var customers = chosen.Where(c => change.Customers.Contains(c.CustomerCode)).ToList();
        foreach (var other in chosen.Except(customers).Where(_ => Customer is { Length: > 0 }))
            WriteWarning($"{change.ChangeId} does not include {other.CustomerCode}; nothing is sent there.");
        var proceed = ShouldProcess($"{change.ChangeId} v{change.Version} ({change.Status})", $"Send its notifications to {string.Join(", ", customers.Select(c => c.CustomerCode))}");
        if (!proceed && !WhatIfMode) return;
        var options = new DeliveryOptions(DryRun: !proceed);
        ForEachCustomer(customers, $"Sending {change.ChangeId}", "Delivery", async (customer, pump, ct) =>
        {
            var delivery = await Core.Notifier.NotifyAsync(customer, change, options, ct);
            pump.Post(() =>
            {
                TellPreview(delivery);
                if (delivery.Error is not null || delivery.Notifications.Any(n => !n.Complete))
                    WriteError(new ErrorRecord(new InvalidOperationException($"{customer.CustomerCode}: {delivery.Summary()}"), "DeliveryIncomplete", ErrorCategory.OperationStopped, delivery));
                WriteObject(delivery);
            });
        });
    }

    private Change Get(string changeId) => Load(async ct => (await Core.Changes.GetAsync(changeId, ct)).Change);

    /// <summary>Reads the change; one that cannot be read (unknown, deleted, malformed id) ends the command with its reason.</summary>
    private Change Load(Func<CancellationToken, Task<Change>> read)
    {
        try
        {
            return Await(read);
        }
        catch (Exception ex) when (ChangeWriteErrors.IsPerChange(ex))
        {
            ThrowTerminatingError(Errors.For(ex, "Change", ChangeId));
            throw;
        }
    }

    /// <summary>The change as it was when the event happened (Core's rule); the current change without -Event.</summary>
    private Change ForEvent(Change change, ChangeStatus? requested) =>
        requested is { } wanted ? Load(ct => Core.Changes.AsOfEventAsync(change, wanted, ct)) : change;
}
