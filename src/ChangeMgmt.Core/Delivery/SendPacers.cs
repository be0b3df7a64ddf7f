using ChangeMgmt.Core.Resilience;
using System.Collections.Concurrent;
using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Core.Delivery;

/// <summary>
/// One pacer per customer SES account, at the lower of the account's quota and the configured cap. Every process
/// sending for the account books its send time in the ledger (<see cref="SharedSendPacer"/>), so together they
/// stay under the rate however many run, and one alone sends at all of it.
/// </summary>
public sealed class SendPacers(IDeliveryLedger ledger, TimeProvider time, TimeSpan? window = null)
{
    /// <summary>How much send time a process books at once: one round trip to the ledger a second while it sends.</summary>
    public static readonly TimeSpan DefaultWindow = TimeSpan.FromSeconds(1);

    private readonly ConcurrentDictionary<string, Lazy<Task<ICallPacer>>> pacers = new();

    public Task<ICallPacer> ForAsync(string customerCode, double? configuredCap, Func<Task<double>> accountRate) =>
        pacers.GetOrAdd(customerCode, _ => new(async () =>
        {
            var rate = Math.Min(await accountRate(), configuredCap ?? double.MaxValue);
            return new SharedSendPacer(customerCode, rate, ledger, time, window ?? DefaultWindow);
        })).Value;

    /// <summary>Forgets a pacer whose account quota could not be read, so the next use asks again.</summary>
    public void Forget(string customerCode) => pacers.TryRemove(customerCode, out _);
}
