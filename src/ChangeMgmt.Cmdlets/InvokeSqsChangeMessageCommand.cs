using System.Management.Automation;
using ChangeMgmt.Core.Delivery;

namespace ChangeMgmt.Cmdlets;

/// <summary>
/// Processes change messages: what is waiting in customers' queues (-Customer/-All), or message
/// bodies from the pipeline (-Body). -WhatIf resolves recipients and renders without sending or
/// deleting anything, and uses no receive: the local queue is read as it is; on SQS, which has no read
/// without a receive, each message is given back at once and one at its receive limit is sent again as a
/// new message, so a preview never dead-letters it.
/// </summary>
[Cmdlet(VerbsLifecycle.Invoke, "SqsChangeMessage", SupportsShouldProcess = true, DefaultParameterSetName = FromQueues)]
[OutputType(typeof(ProcessedMessage))]
public sealed class InvokeSqsChangeMessageCommand : CustomerCmdletBase
{
    private const string FromQueues = "FromQueues";
    private const string FromBodies = "FromBodies";
    private int _bodies;

    /// <summary>An SQS message body: an S3 event notification or the legacy ChangeMgmt message.</summary>
    [Parameter(Mandatory = true, ParameterSetName = FromBodies, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string[] Body { get; set; } = [];

    /// <summary>The message id reported with a body (from the pipeline, e.g. an SQS message's MessageId).</summary>
    [Parameter(ParameterSetName = FromBodies, ValueFromPipelineByPropertyName = true)]
    public string? MessageId { get; set; }

    protected override void ProcessRecord()
    {
        var proceed = ShouldProcess(Target, "Process change messages and send their notifications");
        if (!proceed && !WhatIfMode) return; // declined under -Confirm: do nothing at all
        var dryRun = !proceed;
        var options = new DeliveryOptions(DryRun: dryRun);
        if (ParameterSetName == FromBodies) ProcessBodies(options);
        else
            ForEachCustomer("Processing queues", "Queue", async (customer, pump, ct) =>
                await Core.Worker.DrainAsync(customer.CustomerCode, options, ct,
                    (message, outcome) => pump.Post(() => Report(ProcessedMessage.From(message.CustomerCode, message.MessageId, outcome, dryRun)))));
    }

    private string Target => ParameterSetName == FromBodies ? "message bodies from the pipeline"
        : All ? "every customer's queue" : $"the queues of {string.Join(", ", Customer ?? [])}";

    private void ProcessBodies(DeliveryOptions options)
    {
        var queueCustomers = Customer is { Length: > 0 } ? SelectedCustomers() : [];
        if (queueCustomers.Count > 1)
            ThrowTerminatingError(Errors.InvalidArgument("OneQueueCustomer", "With -Body, -Customer names the one customer whose queue the bodies came from.", Customer));
        var queueCustomer = queueCustomers.FirstOrDefault()?.CustomerCode;
        var bodies = Body;
        var ids = bodies.Select(_ => MessageId ?? $"pipeline-{++_bodies}").ToList();
        Run(async (pump, ct) =>
        {
            for (var i = 0; i < bodies.Length; i++)
            {
                var id = ids[i];
                try
                {
                    var outcome = await Core.Processor.ProcessAsync(queueCustomer, id, bodies[i], options, ct);
                    pump.Post(() => Report(ProcessedMessage.From(queueCustomer, id, outcome, options.DryRun)));
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    pump.Post(() => WriteError(Errors.For(ex, "Message", id)));
                }
            }
        });
    }

    /// <summary>A message that can never be processed is an error naming it and why; the rest is output.</summary>
    private void Report(ProcessedMessage processed)
    {
        if (processed.Outcome == nameof(MessageOutcome.Poison))
            WriteError(new ErrorRecord(new InvalidDataException(processed.Description), "MessagePoison", ErrorCategory.InvalidData, processed.MessageId));
        else if (processed.Outcome == nameof(MessageOutcome.Retry) && !processed.DryRun)
            WriteWarning(ParameterSetName == FromBodies
                ? $"message {processed.MessageId} did not complete and should be processed again: {processed.Description}"
                : $"{processed.CustomerCode}: message {processed.MessageId} goes back to the queue for another attempt: {processed.Description}");
        foreach (var delivery in processed.Deliveries) TellPreview(delivery);
        WriteObject(processed);
    }
}
