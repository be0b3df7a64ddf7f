using ChangeMgmt.Core.Configuration;
using ChangeMgmt.Core.Feedback;
using ChangeMgmt.Core.Messages;
using ChangeMgmt.Core.Ports;
using Microsoft.Extensions.Logging;

namespace ChangeMgmt.Core.Delivery;

/// <summary>
/// Handles a Lambda SQS batch: the queue ARN names the customer (a record from any other queue, the MSP's
/// <c>changemgmt-ses-events</c>, is an SES event for <see cref="FeedbackProcessor"/>), messages run in parallel, and only
/// the ones worth retrying are reported back; poison messages are kept as dead letters with their reason;
/// one that waits for another process's claims is deferred (sent again with a delay), not retried. A message
/// the invocation's deadline cut short is continued by a new message on the same queue and acknowledged, so
/// that it does not use up its receives.
/// </summary>
public sealed class SqsBatchHandler(LoadedConfig config, ChangeMessageProcessor processor, FeedbackProcessor feedback, IDeadLetterStore deadLetters, IChangeQueue queue, ILogger<SqsBatchHandler> log, TimeProvider time)
{
    /// <summary>How records are delivered: their claim lease.</summary>
    public DeliveryOptions Options { get; init; } = DeliveryOptions.Send;

    public Task<SqsBatchResponse> HandleAsync(SqsEvent batch, CancellationToken ct) => HandleAsync(batch, Options, ct);

    /// <param name="options"><see cref="Options"/>, with <see cref="DeliveryOptions.StopClaimingAt"/> from the invocation's deadline.</param>
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
                ? await FeedbackAsync(record, ct)
                : await processor.ProcessAsync(customer, record.MessageId, record.Body ?? "", options, ct, await AttemptAsync(customer, record, ct));
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
            var letter = new DeadLetter(customer ?? DeadLetters.SesEventsCustomer, record.MessageId, record.Body ?? "", poison.Description, time.GetUtcNow());
            await deadLetters.KeepAsync(letter, ct);
            DeadLetterLog.Write(log, letter);
        }
        if (outcome is MessageOutcome.Wait wait && customer is not null)
            return (record.MessageId, !await DeferAsync(customer, record, wait, ct));
        return (record.MessageId, outcome is MessageOutcome.Retry or MessageOutcome.Wait);
    }

    /// <summary>
    /// A record from a queue that is no customer's: an SES event, or poison whose reason says both why it is no change
    /// message (the queue) and why it is no SES event (the parser).
    /// </summary>
    private async Task<MessageOutcome> FeedbackAsync(SqsRecord record, CancellationToken ct)
    {
        var result = await feedback.ProcessAsync(record.MessageId, record.Body ?? "", ct);
        if (result.Outcome is MessageOutcome.Retry retry)
            log.LogInformation("SES event {MessageId} comes back: {Reason}", record.MessageId, retry.Description);
        return result.Outcome is MessageOutcome.Poison poison
            ? new MessageOutcome.Poison($"The queue {record.EventSourceArn ?? "(no eventSourceARN)"} is not the sqs_queue_arn of any configured customer, and the message is not an SES event: {poison.Description}")
            : result.Outcome;
    }

    /// <summary>The receive count SQS reports (ApproximateReceiveCount) of the queue's maxReceiveCount.</summary>
    private async Task<MessageAttempt> AttemptAsync(string customer, SqsRecord record, CancellationToken ct)
    {
        var number = record.Attributes?.GetValueOrDefault("ApproximateReceiveCount") is { } text && int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : 1;
        try { return new(number, await queue.MaxReceivesAsync(customer, ct)); }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            log.LogWarning("{CustomerCode}: the queue's maxReceiveCount could not be read: {Reason}", customer, ex.Message);
            return new(number, null);
        }
    }

    /// <summary>False when the copy could not be sent: then the message is retried as SQS would anyway.</summary>
    private async Task<bool> DeferAsync(string customer, SqsRecord record, MessageOutcome.Wait wait, CancellationToken ct)
    {
        try
        {
            await queue.DeferAsync(new QueuedMessage(customer, record.MessageId, record.ReceiptHandle ?? "", record.Body ?? "", 0), wait.Delay, ct);
            log.LogInformation("{CustomerCode}: message {MessageId} deferred {Delay} for another process's claims: {Reason}", customer, record.MessageId, wait.Delay, wait.Description);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            log.LogWarning("{CustomerCode}: message {MessageId} could not be deferred, retrying it: {Reason}", customer, record.MessageId, ex.Message);
            return false;
        }
    }
}
