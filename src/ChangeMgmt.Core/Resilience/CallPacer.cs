namespace ChangeMgmt.Core.Resilience;

/// <summary>
/// Paces sends to at most <c>rate</c> per second: each caller gets the next free slot, one
/// interval after the previous, so no window of any length sees more than rate × length + 1.
/// Idle time does not build up a burst. Slots given up by cancelled waits (a deadline stopping
/// every waiting send at once) are taken back once nobody waits, so the next send need not wait for them.
/// </summary>
public sealed class CallPacer : ICallPacer
{
    private readonly TimeProvider time;
    private readonly long interval;
    private readonly Lock gate = new();
    private long nextSlot;
    private long? lastUsed;
    private int waiting;

    public CallPacer(double ratePerSecond, TimeProvider time)
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
