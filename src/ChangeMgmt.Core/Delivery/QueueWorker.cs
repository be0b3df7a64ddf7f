using ChangeMgmt.Core.Feedback;
using ChangeMgmt.Core.Ports;
using ChangeMgmt.Core.Resilience;
using Microsoft.Extensions.Logging;

namespace ChangeMgmt.Core.Delivery;

/// <summary>
/// Drains customer queues: every customer in its own loop, so a slow or failing customer never
/// holds up another. Completed messages are deleted, poison ones kept as dead letters with their
/// reason, those waiting for another process's claims deferred without using a receive, the rest
/// released for another attempt. With <see cref="Feedback"/> (local mode), it also drains the SES events of
/// <see cref="FeedbackQueue"/> through it, settled the same way.
/// </summary>
public sealed class QueueWorker(IChangeQueue queue, IDeadLetterStore deadLetters, ChangeMessageProcessor processor, ILogger<QueueWorker> log, TimeProvider time)
{
    public static readonly TimeSpan DefaultVisibilityTimeout = TimeSpan.FromMinutes(5);

    public TimeSpan VisibilityTimeout { get; init; } = DefaultVisibilityTimeout;
    public TimeSpan LongPoll { get; init; } = TimeSpan.FromSeconds(20);
    public int BatchSize { get; init; } = 10;

    /// <summary>How the background loop (<see cref="RunAsync"/>) delivers: its claim lease.</summary>
    public DeliveryOptions Options { get; init; } = DeliveryOptions.Send;

    /// <summary>Records the SES events on <see cref="FeedbackQueue"/>; null where they reach the server another way (AWS: POST /events).</summary>
    public FeedbackProcessor? Feedback { get; init; }

    public Task RunAsync(IEnumerable<string> customerCodes, CancellationToken ct) =>
        Task.WhenAll(customerCodes.Concat(Feedback is null ? [] : [FeedbackQueue.Name]).Select(code => RunCustomerAsync(code, ct)));

    /// <summary>
    /// Processes what is visible now in one customer's queue and returns how many messages it handled.
    /// A dry run previews from the messages as the queue lets it read them (<see cref="IChangeQueue.PeekAsync"/>):
    /// it holds none, counts no receive and dead-letters nothing.
    /// </summary>
    public async Task<int> DrainAsync(string customerCode, DeliveryOptions options, CancellationToken ct,
        Action<QueuedMessage, MessageOutcome>? handled = null)
    {
        if (options.DryRun) return await PreviewAsync(customerCode, options, ct, handled);
        var count = 0;
        while (await queue.ReceiveAsync(customerCode, BatchSize, VisibilityTimeout, TimeSpan.Zero, ct) is { Count: > 0 } batch)
        {
            await Task.WhenAll(batch.Select(async m =>
            {
                var outcome = await HandleAsync(m, options, ct);
                handled?.Invoke(m, outcome);
            }));
            count += batch.Count;
        }
        return count;
    }

    /// <summary>The most messages one preview reads from a queue.</summary>
    public int PreviewLimit { get; init; } = 1000;

    private async Task<int> PreviewAsync(string customerCode, DeliveryOptions options, CancellationToken ct, Action<QueuedMessage, MessageOutcome>? handled)
    {
        var waiting = await queue.PeekAsync(customerCode, PreviewLimit, ct);
        foreach (var batch in waiting.Chunk(BatchSize))
            await Task.WhenAll(batch.Select(async m => handled?.Invoke(m, await PreviewOneAsync(m, options, ct))));
        return waiting.Count;
    }

    /// <summary>As a real attempt would be, a preview that fails (storage unreachable) is a Retry naming why; the message is untouched.</summary>
    private async Task<MessageOutcome> PreviewOneAsync(QueuedMessage message, DeliveryOptions options, CancellationToken ct)
    {
        try { return await processor.ProcessAsync(message.CustomerCode, message.MessageId, message.Body, options, ct); }
        catch (Exception ex) when (ex is not OperationCanceledException) { return new MessageOutcome.Retry(ex.Message); }
    }

    private async Task RunCustomerAsync(string customerCode, CancellationToken ct)
    {
        var failures = 0;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                var batch = await queue.ReceiveAsync(customerCode, BatchSize, VisibilityTimeout, LongPoll, ct);
                await Task.WhenAll(batch.Select(m => HandleAsync(m, Options, ct)));
                failures = 0;
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                log.LogError(ex, "{CustomerCode}: receiving from the queue failed: {Reason}", customerCode, ex.Message);
                await Task.Delay(RetryPolicy.Default.DelayBefore(++failures), time, ct).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    public async Task<MessageOutcome> HandleAsync(QueuedMessage message, DeliveryOptions options, CancellationToken ct)
    {
        MessageOutcome outcome;
        using var heartbeat = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var keepHidden = KeepHiddenAsync(message, heartbeat.Token);
        try
        {
            outcome = await ProcessAsync(message, options, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            outcome = new MessageOutcome.Retry(ex.Message);
        }
        finally
        {
            await heartbeat.CancelAsync();
            await keepHidden;
        }
        if (options.DryRun) return outcome;
        await SettleAsync(message, outcome, ct);
        return outcome;
    }

    private async Task<MessageOutcome> ProcessAsync(QueuedMessage message, DeliveryOptions options, CancellationToken ct)
    {
        if (message.CustomerCode == FeedbackQueue.Name && Feedback is { } feedback)
            return (await feedback.ProcessAsync(message.MessageId, message.Body, ct)).Outcome;
        var attempt = new MessageAttempt(message.ReceiveCount, await MaxReceivesAsync(message.CustomerCode, ct));
        return await processor.ProcessAsync(message.CustomerCode, message.MessageId, message.Body, options, ct, attempt);
    }

    /// <summary>
    /// A long send (a thousand recipients at a low rate) can outlast the visibility timeout; until it
    /// ends, the message is hidden again every half timeout so no other worker takes it meanwhile.
    /// </summary>
    private async Task KeepHiddenAsync(QueuedMessage message, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(VisibilityTimeout / 2, time);
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
                await queue.ExtendVisibilityAsync(message, VisibilityTimeout, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            log.LogWarning("{CustomerCode}: could not keep message {MessageId} hidden: {Reason}", message.CustomerCode, message.MessageId, ex.Message);
        }
    }

    /// <summary>The queue's limit, for the attempt's record; unknown (null) when it cannot be read now.</summary>
    private async Task<int?> MaxReceivesAsync(string customerCode, CancellationToken ct)
    {
        try { return await queue.MaxReceivesAsync(customerCode, ct); }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            log.LogWarning("{CustomerCode}: the queue's maxReceiveCount could not be read: {Reason}", customerCode, ex.Message);
            return null;
        }
    }

    private async Task SettleAsync(QueuedMessage message, MessageOutcome outcome, CancellationToken ct)
    {
        switch (outcome)
        {
            case MessageOutcome.Completed:
                await queue.DeleteAsync(message, ct);
                break;
            case MessageOutcome.Continue next:
                await next.SendAsync(queue, message.CustomerCode, ct);
                await queue.DeleteAsync(message, ct);
                break;
            case MessageOutcome.Poison poison:
                var letter = new DeadLetter(message.CustomerCode, message.MessageId, message.Body, poison.Description, time.GetUtcNow());
                await deadLetters.KeepAsync(letter, ct);
                await queue.DeleteAsync(message, ct);
                DeadLetterLog.Write(log, letter);
                break;
            case MessageOutcome.Wait wait:
                await queue.DeferAsync(message, wait.Delay, ct);
                log.LogInformation("{CustomerCode}: message {MessageId} waits {Delay} for another process's claims: {Reason}", message.CustomerCode, message.MessageId, wait.Delay, wait.Description);
                break;
            case MessageOutcome.Retry retry:
                await queue.ReleaseAsync(message, retry.Description, ct);
                // An SES event usually comes back because it arrived before its send was recorded: routine, not a warning
                // (one that never can be recorded is dead-lettered, and logged as such, after the queue's receives).
                log.Log(message.CustomerCode == FeedbackQueue.Name ? LogLevel.Information : LogLevel.Warning,
                    "{CustomerCode}: message {MessageId} will be retried: {Reason}", message.CustomerCode, message.MessageId, retry.Description);
                break;
        }
    }
}
