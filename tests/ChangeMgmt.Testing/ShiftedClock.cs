namespace ChangeMgmt.Testing;

/// <summary>
/// The system clock moved by an offset that a test jumps forward (a day, an hour): time still flows, so pacing and
/// timers run as in production, while dates come out where the test put them. Timers and delays take real durations.
/// </summary>
public sealed class ShiftedClock(DateTimeOffset start) : TimeProvider
{
    private readonly TimeSpan initial = start - System.GetUtcNow();
    private long shiftTicks;

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + initial + TimeSpan.FromTicks(Interlocked.Read(ref shiftTicks));

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    public void Advance(TimeSpan by) => Interlocked.Add(ref shiftTicks, by.Ticks);

    /// <summary>Moves the clock to <paramref name="at"/> (forward only: a clock going back would not be a clock).</summary>
    public void AdvanceTo(DateTimeOffset at)
    {
        var by = at - GetUtcNow();
        if (by > TimeSpan.Zero) Advance(by);
    }
}
