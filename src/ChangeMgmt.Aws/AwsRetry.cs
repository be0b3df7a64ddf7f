using ChangeMgmt.Core.Delivery;
using ChangeMgmt.Core.Errors;
using ChangeMgmt.Core.Resilience;

namespace ChangeMgmt.Aws;

/// <summary>Retries only what is retryable (throttling, 5xx), with exponential backoff and full jitter.</summary>
public static class AwsRetry
{
    public static async Task<T> RunAsync<T>(Func<Task<T>> call, RetryPolicy policy, TimeProvider time, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await call();
            }
            catch (ServiceException ex) when (ex.IsRetryable && attempt < policy.MaxAttempts)
            {
                await Task.Delay(ex is ThrottledException { RetryAfter: { } after } ? after : policy.DelayBefore(attempt), time, ct);
            }
        }
    }
}

/// <summary>A throttling answer that said how long to wait (Retry-After), honoured before our own backoff.</summary>
public sealed class ThrottledException(string message, string? customerCode, string? requestId, string? errorCode, TimeSpan? retryAfter)
    : ServiceException(ServiceErrorKind.Throttled, message, customerCode, requestId, errorCode)
{
    public TimeSpan? RetryAfter { get; } = retryAfter;
}
