namespace ChangeMgmt.Tests.Local;

/// <summary>
/// A clock that moves only when told. Only the wall clock (GetUtcNow) is manual; timers and
/// timestamps stay real, so a long poll still wakes up to look again.
/// </summary>
public sealed class ManualTimeProvider(DateTimeOffset start) : TimeProvider
{
    private long _utcTicks = start.UtcTicks;

    public ManualTimeProvider() : this(new DateTimeOffset(2026, 11, 30, 14, 20, 46, 311, TimeSpan.Zero))
    {
    }

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _utcTicks), TimeSpan.Zero);

    public void Advance(TimeSpan by) => Interlocked.Add(ref _utcTicks, by.Ticks);
}
