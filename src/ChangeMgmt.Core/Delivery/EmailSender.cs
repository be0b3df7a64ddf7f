using ChangeMgmt.Core.Errors;
using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Core.Delivery;

/// <summary>The one send path: pace to the account's rate, send, and retry throttling with backoff.</summary>
internal sealed class EmailSender(RetryPolicy retry, DeliveryCounters counters, TimeProvider time)
{
    public async Task<string> SendAsync(ISesAccount account, SendRateLimiter limiter, OutgoingEmail email, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            await limiter.WaitAsync(ct);
            try
            {
                var messageId = await account.SendEmailAsync(email, ct);
                counters.CountSent();
                return messageId;
            }
            catch (ServiceException ex) when (ex.IsRetryable && attempt < retry.MaxAttempts)
            {
                if (ex.Kind == ServiceErrorKind.Throttled) counters.CountThrottled();
                await Task.Delay(retry.DelayBefore(attempt), time, ct);
            }
        }
    }
}
