using System.Collections.Concurrent;
using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Core.Delivery;

/// <summary>
/// One limiter per customer SES account, at the lower of the account's quota and the configured cap. Every process
/// sending for the account books its send time in the ledger (<see cref="SharedSendRateLimiter"/>), so together they
/// stay under the rate however many run, and one alone sends at all of it.
/// </summary>
public sealed class SendRateLimiters(IDeliveryLedger ledger, TimeProvider time, TimeSpan? window = null)
{
    /// <summary>How much send time a process books at once: one round trip to the ledger a second while it sends.</summary>
    public static readonly TimeSpan DefaultWindow = TimeSpan.FromSeconds(1);

    private readonly ConcurrentDictionary<string, Lazy<Task<ISendRateLimiter>>> limiters = new();

    public Task<ISendRateLimiter> ForAsync(string customerCode, double? configuredCap, Func<Task<double>> accountRate) =>
        limiters.GetOrAdd(customerCode, _ => new(async () =>
        {
            var rate = Math.Min(await accountRate(), configuredCap ?? double.MaxValue);
            return new SharedSendRateLimiter(customerCode, rate, ledger, time, window ?? DefaultWindow);
        })).Value;

    /// <summary>Forgets a limiter whose account quota could not be read, so the next use asks again.</summary>
    public void Forget(string customerCode) => limiters.TryRemove(customerCode, out _);
}
