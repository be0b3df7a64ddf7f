using ChangeMgmt.Core.Errors;
using ChangeMgmt.Core.Ports;
using ChangeMgmt.Core.Resilience;

namespace ChangeMgmt.Core.Delivery;

/// <summary>The one send path: pace to the account's rate, send, and retry throttling with backoff.</summary>
internal sealed class EmailSender(RetryPolicy retry, DeliveryCounters counters, TimeProvider time)
{
    /// <summary>
    /// The SES message id, or null when <paramref name="stop"/> came while waiting for a slot (or to retry a
    /// throttled send): then nothing went out. A send under way is never cut short by it.
    /// </summary>
    public async Task<string?> SendAsync(ISesAccount account, ICallPacer pacer, OutgoingEmail email, CancellationToken stop, CancellationToken ct)
    {
        using var waiting = CancellationTokenSource.CreateLinkedTokenSource(stop, ct);
        for (var attempt = 1; ; attempt++)
        {
            if (!await WaitAsync(() => pacer.WaitAsync(waiting.Token), stop, ct)) return null;
            try
            {
                var messageId = await account.SendEmailAsync(email, ct);
                counters.CountSent();
                return messageId;
            }
            catch (ServiceException ex) when (ex.IsRetryable && attempt < retry.MaxAttempts)
            {
                if (ex.Kind == ServiceErrorKind.Throttled) counters.CountThrottled();
                if (!await WaitAsync(() => new ValueTask(Task.Delay(retry.DelayBefore(attempt), time, waiting.Token)), stop, ct)) return null;
            }
        }
    }

    /// <summary>False when the stop signal (not the caller's cancellation) ended the wait.</summary>
    private static async Task<bool> WaitAsync(Func<ValueTask> wait, CancellationToken stop, CancellationToken ct)
    {
        try
        {
            await wait();
            return true;
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            return false;
        }
    }
}
