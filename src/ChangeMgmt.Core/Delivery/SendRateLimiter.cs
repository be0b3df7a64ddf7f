namespace ChangeMgmt.Core.Delivery;

/// <summary>
/// Paces sends to at most <c>rate</c> per second: each caller gets the next free slot, one
/// interval after the previous, so no window of any length sees more than rate × length + 1.
/// Idle time does not build up a burst. Slots given up by cancelled waits (a deadline stopping
/// every waiting send at once) are taken back once nobody waits, so the next send need not wait for them.
/// </summary>
public sealed class SendRateLimiter
{
    private readonly TimeProvider time;
    private readonly long interval;
    private readonly Lock gate = new();
    private long nextSlot;
    private long? lastUsed;
    private int waiting;

    public SendRateLimiter(double ratePerSecond, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(ratePerSecond);
        this.time = time;
        RatePerSecond = ratePerSecond;
        interval = (long)Math.Ceiling(time.TimestampFrequency / ratePerSecond);
    }

    public double RatePerSecond { get; }

    public async ValueTask WaitAsync(CancellationToken ct)
    {
        var now = time.GetTimestamp();
        long slot;
        lock (gate)
        {
            slot = Math.Max(nextSlot, now);
            nextSlot = slot + interval;
            waiting++;
        }
        var used = false;
        try
        {
            if (slot > now)
                await Task.Delay(time.GetElapsedTime(now, slot), time, ct);
            used = true;
        }
        finally
        {
            Done(slot, used);
        }
    }

    /// <summary>With nobody waiting, the next free slot is the one after the last slot used.</summary>
    private void Done(long slot, bool used)
    {
        lock (gate)
        {
            if (used) lastUsed = Math.Max(lastUsed ?? slot, slot);
            if (--waiting == 0) nextSlot = lastUsed is { } last ? last + interval : 0;
        }
    }
}

/// <summary>
/// One limiter per customer SES account, at the lower of the account's quota and the configured cap,
/// shared out among <paramref name="concurrentSenders"/>: the processes that may send for one customer at
/// the same time (on Lambda, the SQS event source's maximum concurrency), so that together they stay under it.
/// </summary>
public sealed class SendRateLimiters(TimeProvider time, int concurrentSenders = 1)
{
    private readonly int senders = concurrentSenders >= 1 ? concurrentSenders : throw new ArgumentOutOfRangeException(nameof(concurrentSenders), concurrentSenders, "At least one process sends.");

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<Task<SendRateLimiter>>> limiters = new();

    public Task<SendRateLimiter> ForAsync(string customerCode, double? configuredCap, Func<Task<double>> accountRate) =>
        limiters.GetOrAdd(customerCode, _ => new(async () =>
        {
            var rate = await accountRate();
            return new SendRateLimiter(Math.Min(rate, configuredCap ?? double.MaxValue) / senders, time);
        })).Value;

    /// <summary>Forgets a limiter whose account quota could not be read, so the next use asks again.</summary>
    public void Forget(string customerCode) => limiters.TryRemove(customerCode, out _);
}
