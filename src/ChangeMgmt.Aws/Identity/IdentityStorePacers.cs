using ChangeMgmt.Core.Resilience;
using System.Collections.Concurrent;
using ChangeMgmt.Core.Delivery;

namespace ChangeMgmt.Aws.Identity;

/// <summary>
/// One request-rate pacer per identity store, shared by every call and every concurrent caller
/// of the directories given the same instance. AWS allows about 20 requests per second per
/// identity store; the default stays well below that.
/// </summary>
public sealed class IdentityStorePacers
{
    public const double DefaultRequestsPerSecond = 10;

    private readonly ConcurrentDictionary<string, CallPacer> pacers = new(StringComparer.Ordinal);
    private readonly TimeProvider time;

    public IdentityStorePacers(double requestsPerSecond, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(requestsPerSecond);
        RequestsPerSecond = requestsPerSecond;
        this.time = time;
    }

    public double RequestsPerSecond { get; }

    public CallPacer For(string identityStoreId) =>
        pacers.GetOrAdd(identityStoreId, _ => new CallPacer(RequestsPerSecond, time));
}
