using ChangeMgmt.Core.Delivery;
using ChangeMgmt.Core.Messages;
using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Bench.LargeList;

/// <summary>
/// One delivery function instance under Lambda's SQS event source: takes up to ten messages, invokes the batch handler
/// with the invocation's deadline (less the margin, as the server does with the adapter's header), is killed at the
/// deadline if still running, and acknowledges what the answer does not list in batchItemFailures; listed messages
/// come back after the visibility timeout, as with ReportBatchItemFailures. A warm instance keeps its process (pacers,
/// audiences) from one invocation to the next; a cold one starts a new process for each.
/// </summary>
internal sealed class SimulatedFunction(Func<SqsBatchHandler> process, IChangeQueue queue, string customer, string queueArn, LargeListOptions options, TimeSpan claimLease)
{
    public int Invocations, Timeouts, Retried, Continuations;
    private SqsBatchHandler? warm;

    public async Task RunAsync(Func<bool> done, CancellationToken ct)
    {
        while (!done() && !ct.IsCancellationRequested)
        {
            var messages = await queue.ReceiveAsync(customer, 10, options.Scaled(options.VisibilitySeconds), options.Scaled(1), ct);
            if (messages.Count > 0) await InvokeAsync(messages);
        }
    }

    private async Task InvokeAsync(IReadOnlyList<QueuedMessage> messages)
    {
        Invocations++;
        Continuations += messages.Count(m => ChangeMessageParser.Parse(m.Body) is ParsedMessage.Triggers t && t.Items.Any(i => i.Resume is not null));
        var deadline = DateTimeOffset.UtcNow + options.Scaled(options.InvocationSeconds);
        var delivery = DeliveryOptions.Send with { StopClaimingAt = options.UseDeadline ? deadline - options.Scaled(options.MarginSeconds) : null, ClaimLease = claimLease };
        using var kill = new CancellationTokenSource(deadline - DateTimeOffset.UtcNow);
        var handler = options.WarmProcesses ? warm ??= process() : process();
        SqsBatchResponse response;
        try
        {
            response = await handler.HandleAsync(Batch(messages), delivery, kill.Token);
        }
        catch (OperationCanceledException) when (kill.IsCancellationRequested)
        {
            Timeouts++; // the environment dies; the batch returns after the visibility timeout
            return;
        }
        var failed = response.BatchItemFailures.Select(f => f.ItemIdentifier).ToHashSet();
        Retried += failed.Count;
        foreach (var message in messages.Where(m => !failed.Contains(m.MessageId)))
            await queue.DeleteAsync(message, CancellationToken.None);
    }

    private SqsEvent Batch(IReadOnlyList<QueuedMessage> messages) => new([.. messages.Select(m => new SqsRecord
    {
        MessageId = m.MessageId, ReceiptHandle = m.ReceiptHandle, Body = m.Body, EventSource = "aws:sqs", EventSourceArn = queueArn, AwsRegion = "us-east-1",
    })]);
}
