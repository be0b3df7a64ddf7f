using ChangeMgmt.Core.Configuration;
using ChangeMgmt.Core.Messages;
using ChangeMgmt.Core.Ports;
using Microsoft.Extensions.Logging;

namespace ChangeMgmt.Core.Delivery;

/// <summary>
/// Handles a Lambda SQS batch: the queue ARN names the customer, messages run in parallel, and only
/// the ones worth retrying are reported back; poison messages are kept as dead letters with their reason.
/// A message the invocation's deadline cut short is continued by a new message on the same queue and
/// acknowledged, so that it does not use up its receives.
/// </summary>
public sealed class SqsBatchHandler(LoadedConfig config, ChangeMessageProcessor processor, IDeadLetterStore deadLetters, IChangeQueue queue, ILogger<SqsBatchHandler> log, TimeProvider time)
{
    public Task<SqsBatchResponse> HandleAsync(SqsEvent batch, CancellationToken ct) => HandleAsync(batch, DeliveryOptions.Send, ct);

    /// <param name="options">With <see cref="DeliveryOptions.StopClaimingAt"/> from the invocation's deadline.</param>
    public async Task<SqsBatchResponse> HandleAsync(SqsEvent batch, DeliveryOptions options, CancellationToken ct)
    {
        var outcomes = await Task.WhenAll(batch.Records.Select(record => HandleRecordAsync(record, options, ct)));
        return new([.. outcomes.Where(o => o.Retry).Select(o => new SqsBatchItemFailure(o.MessageId))]);
    }

    private async Task<(string MessageId, bool Retry)> HandleRecordAsync(SqsRecord record, DeliveryOptions options, CancellationToken ct)
    {
        var customer = record.EventSourceArn is { } arn ? config.Config.FindCustomerByQueueArn(arn)?.CustomerCode : null;
        MessageOutcome outcome;
        try
        {
            outcome = customer is null
                ? new MessageOutcome.Poison($"The queue {record.EventSourceArn ?? "(no eventSourceARN)"} is not the sqs_queue_arn of any configured customer.")
                : await processor.ProcessAsync(customer, record.MessageId, record.Body ?? "", options, ct);
            if (outcome is MessageOutcome.Continue next)
            {
                await next.SendAsync(queue, customer!, ct);
                log.LogInformation("{CustomerCode}: message {MessageId} continues in a new message: {Reason}", customer, record.MessageId, next.Description);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            outcome = new MessageOutcome.Retry(ex.Message);
        }
        if (outcome is MessageOutcome.Poison poison)
        {
            await deadLetters.KeepAsync(new DeadLetter(customer, record.MessageId, record.Body ?? "", poison.Description, time.GetUtcNow()), ct);
            log.LogWarning("{CustomerCode}: message {MessageId} dead-lettered: {Reason}", customer, record.MessageId, poison.Description);
        }
        return (record.MessageId, outcome is MessageOutcome.Retry);
    }
}
