using ChangeMgmt.Core.Ports;
using ChangeMgmt.Core.Resilience;

namespace ChangeMgmt.Core.Delivery;

/// <summary>
/// Paces one customer's sends at the account's rate across every process that sends for it. The process books spans
/// of the account's send time in the ledger (<see cref="IDeliveryLedger.BookSendTimeAsync"/>); spans never overlap, so
/// inside its own a process sends at the full rate, its slots spread evenly over the span (one every 1/rate seconds),
/// and the sends of all processes together are never closer than that. One process alone books span after span and gets all of the rate; two
/// sending at once take turns. A span booked and not used (a deadline came, the process died) costs at most its length.
/// </summary>
public sealed class SharedSendPacer : ICallPacer
{
    private readonly string customerCode;
    private readonly IDeliveryLedger ledger;
    private readonly TimeProvider time;
    private readonly TimeSpan interval;
    private readonly TimeSpan lateBy;
    private readonly TimeSpan length;
    private readonly int slotsPerSpan;
    private readonly Lock gate = new();
    private readonly SemaphoreSlim booking = new(1, 1);
    private readonly List<Span> spans = [];
    private DateTimeOffset bookedUntil;
    private DateTimeOffset? lastUsed;
    private int waiting;

    public SharedSendPacer(string customerCode, double ratePerSecond, IDeliveryLedger ledger, TimeProvider time, TimeSpan span)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(ratePerSecond);
        this.customerCode = customerCode;
        this.ledger = ledger;
        this.time = time;
        RatePerSecond = ratePerSecond;
        // Whole milliseconds (the ledger's precision), and room for at least one send. The span's slots are spread
        // evenly over it, rate × length of them, so spans booked back to back give exactly the rate.
        length = TimeSpan.FromMilliseconds(Math.Ceiling(Math.Max(span.TotalMilliseconds, 1000 / ratePerSecond)));
        slotsPerSpan = Math.Max(1, (int)Math.Floor(ratePerSecond * length.TotalSeconds + 1e-9));
        interval = length / slotsPerSpan;
        lateBy = interval > MinimumLateness ? interval : MinimumLateness;
    }

    /// <summary>Timer jitter that is not lateness.</summary>
    private static readonly TimeSpan MinimumLateness = TimeSpan.FromMilliseconds(20);

    public double RatePerSecond { get; }

    public async ValueTask WaitAsync(CancellationToken ct) => await WaitForSlotAsync(ct);

    /// <summary>
    /// Waits for the next slot and returns its time: no two slots of the account's processes are closer than 1/rate.
    /// A caller that wakes later than <see cref="lateBy"/> after its slot (a loaded machine) takes a new one: sending
    /// late in an old slot would bunch with the slots after it and exceed the rate in that second.
    /// </summary>
    public async ValueTask<DateTimeOffset> WaitForSlotAsync(CancellationToken ct)
    {
        while (true)
        {
            var slot = await TakeSlotAsync(ct);
            var used = false;
            try
            {
                var wait = slot - time.GetUtcNow();
                if (wait > TimeSpan.Zero) await Task.Delay(wait, time, ct);
                if (time.GetUtcNow() - slot > lateBy) continue;
                used = true;
                return slot;
            }
            finally
            {
                Done(slot, used);
            }
        }
    }

    private async ValueTask<DateTimeOffset> TakeSlotAsync(CancellationToken ct)
    {
        while (true)
        {
            if (TryTake(out var slot)) return slot;
            await booking.WaitAsync(ct);
            try
            {
                if (TryTake(out slot)) return slot;
                await BookAsync(ct);
            }
            finally
            {
                booking.Release();
            }
        }
    }

    /// <summary>
    /// Books the next span, no more than one span ahead of now: callers beyond what the booked spans hold wait for
    /// their turn rather than book time far ahead that another process could have used.
    /// </summary>
    private async Task BookAsync(CancellationToken ct)
    {
        var ahead = bookedUntil - time.GetUtcNow() - length;
        if (ahead > TimeSpan.Zero)
        {
            await Task.Delay(ahead, time, ct);
            if (HasFreeSlot()) return;
        }
        var start = await ledger.BookSendTimeAsync(customerCode, NextMillisecond(time.GetUtcNow()), length, ct);
        lock (gate)
        {
            spans.Add(new Span(start, start + length));
            if (start + length > bookedUntil) bookedUntil = start + length;
        }
    }

    private static DateTimeOffset NextMillisecond(DateTimeOffset at)
    {
        var whole = DateTimeOffset.FromUnixTimeMilliseconds(at.ToUnixTimeMilliseconds());
        return whole < at ? whole.AddMilliseconds(1) : whole;
    }

    private bool TryTake(out DateTimeOffset slot)
    {
        var now = time.GetUtcNow();
        lock (gate)
        {
            spans.RemoveAll(s => s.End <= now);
            foreach (var span in spans)
            {
                var index = FirstFree(span, now);
                if (index >= slotsPerSpan) continue;
                span.Next = index + 1;
                waiting++;
                slot = span.Start + index * interval;
                return true;
            }
        }
        slot = default;
        return false;
    }

    private bool HasFreeSlot()
    {
        var now = time.GetUtcNow();
        lock (gate) return spans.Any(s => s.End > now && FirstFree(s, now) < slotsPerSpan);
    }

    /// <summary>The span's first slot neither taken nor passed at <paramref name="now"/> (slotsPerSpan when none is left).</summary>
    private int FirstFree(Span span, DateTimeOffset now) => Math.Max(span.Next, SlotsBefore(span, now));

    /// <summary>The slots of the span that start before <paramref name="at"/> (rounded up: a slot not yet reached is free).</summary>
    private int SlotsBefore(Span span, DateTimeOffset at) =>
        at <= span.Start ? 0 : (int)Math.Min(slotsPerSpan, (long)Math.Ceiling((double)(at - span.Start).Ticks / interval.Ticks));

    /// <summary>With nobody waiting, slots after the last one used are free again (waits a deadline cancelled gave them up).</summary>
    private void Done(DateTimeOffset slot, bool used)
    {
        lock (gate)
        {
            if (used && (lastUsed is null || slot > lastUsed)) lastUsed = slot;
            if (--waiting > 0) return;
            foreach (var span in spans)
                span.Next = lastUsed is { } last && last >= span.Start ? (int)Math.Min(slotsPerSpan, (last - span.Start).Ticks / interval.Ticks + 1) : 0;
        }
    }

    private sealed class Span(DateTimeOffset start, DateTimeOffset end)
    {
        public DateTimeOffset Start { get; } = start;
        public DateTimeOffset End { get; } = end;
        public int Next { get; set; }
    }
}
