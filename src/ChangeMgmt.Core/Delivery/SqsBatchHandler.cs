using ChangeMgmt.Core.Configuration;
using ChangeMgmt.Core.Messages;
using ChangeMgmt.Core.Ports;
using Microsoft.Extensions.Logging;

namespace ChangeMgmt.Core.Delivery;

/// <summary>
/// Handles a Lambda SQS batch: the queue ARN names the customer, messages run in parallel, and only
/// the ones worth retrying are reported back; poison messages are kept as dead letters with their reason.
/// </summary>
public sealed class SqsBatchHandler(LoadedConfig config, ChangeMessageProcessor processor, IDeadLetterStore deadLetters, ILogger<SqsBatchHandler> log, TimeProvider time)
{
    public async Task<SqsBatchResponse> HandleAsync(SqsEvent batch, CancellationToken ct)
    {
        var outcomes = await Task.WhenAll(batch.Records.Select(record => HandleRecordAsync(record, ct)));
        return new([.. outcomes.Where(o => o.Retry).Select(o => new SqsBatchItemFailure(o.MessageId))]);
    }

    private async Task<(string MessageId, bool Retry)> HandleRecordAsync(SqsRecord record, CancellationToken ct)
    {
        var customer = record.EventSourceArn is { } arn ? config.Config.FindCustomerByQueueArn(arn)?.CustomerCode : null;
        MessageOutcome outcome;
        try
        {
            outcome = customer is null
                ? new MessageOutcome.Poison($"The queue {record.EventSourceArn ?? "(no eventSourceARN)"} is not the sqs_queue_arn of any configured customer.")
                : await processor.ProcessAsync(customer, record.MessageId, record.Body ?? "", DeliveryOptions.Send, ct);
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
