using System.Collections.Concurrent;
using ChangeMgmt.Core.Delivery;

namespace ChangeMgmt.Aws.Identity;

/// <summary>
/// One request-rate limiter per identity store, shared by every call and every concurrent caller
/// of the directories given the same instance. AWS allows about 20 requests per second per
/// identity store; the default stays well below that.
/// </summary>
public sealed class IdentityStoreRateLimiters
{
    public const double DefaultRequestsPerSecond = 10;

    private readonly ConcurrentDictionary<string, SendRateLimiter> limiters = new(StringComparer.Ordinal);
    private readonly TimeProvider time;

    public IdentityStoreRateLimiters(double requestsPerSecond, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(requestsPerSecond);
        RequestsPerSecond = requestsPerSecond;
        this.time = time;
    }

    public double RequestsPerSecond { get; }

    public SendRateLimiter For(string identityStoreId) =>
        limiters.GetOrAdd(identityStoreId, _ => new SendRateLimiter(RequestsPerSecond, time));
}
