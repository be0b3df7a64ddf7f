namespace ChangeMgmt.Testing;

/// <summary>
/// A TimeProvider that moves only when told to. Timers fire synchronously, in due order, on the
/// thread that calls <see cref="Advance"/>; <see cref="GetUtcNow"/> reads the timer's due time
/// while its callback runs.
/// </summary>
public sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private readonly Lock gate = new();
    private readonly List<Timer> timers = [];
    private DateTimeOffset now = start;
    private long sequence;
    private readonly List<(int Count, TaskCompletionSource Done)> pendingWaiters = [];

    public ManualClock() : this(new DateTimeOffset(2026, 11, 30, 14, 0, 0, TimeSpan.Zero)) { }

    public override DateTimeOffset GetUtcNow()
    {
        lock (gate) return now;
    }

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp()
    {
        lock (gate) return now.UtcTicks;
    }

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    /// <summary>Timers scheduled and not yet fired (one-shot) or not disposed (periodic).</summary>
    public int PendingTimers
    {
        get { lock (gate) return timers.Count; }
    }

    /// <summary>
    /// Completes once at least <paramref name="count"/> timers are pending: the code under test has
    /// reached its wait, even when it got there on another thread (an asynchronous store).
    /// </summary>
    public Task WhenPendingTimersAsync(int count = 1)
    {
        lock (gate)
        {
            if (timers.Count >= count) return Task.CompletedTask;
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            pendingWaiters.Add((count, done));
            return done.Task.WaitAsync(TimeSpan.FromSeconds(10));
        }
    }

    private void ReleaseWaiters()
    {
        foreach (var waiter in pendingWaiters.Where(w => timers.Count >= w.Count).ToList())
        {
            pendingWaiters.Remove(waiter);
            waiter.Done.TrySetResult();
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var timer = new Timer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    public void Advance(TimeSpan by)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(by, TimeSpan.Zero);
        DateTimeOffset target;
        lock (gate) target = now + by;
        while (true)
        {
            Timer? due;
            lock (gate)
            {
                due = timers.Where(t => t.Due <= target).OrderBy(t => t.Due).ThenBy(t => t.Sequence).FirstOrDefault();
                if (due is null)
                {
                    now = target;
                    return;
                }
                now = due.Due;
                if (due.Period > TimeSpan.Zero)
                {
                    due.Due += due.Period;
                    due.Sequence = ++sequence;
                }
                else
                {
                    timers.Remove(due);
                }
            }
            due.Callback(due.State);
        }
    }

    public void AdvanceTo(DateTimeOffset time)
    {
        TimeSpan by;
        lock (gate) by = time - now;
        Advance(by);
    }

    private sealed class Timer(ManualClock clock, TimerCallback callback, object? state) : ITimer
    {
        public TimerCallback Callback { get; } = callback;
        public object? State { get; } = state;
        public DateTimeOffset Due { get; set; }
        public TimeSpan Period { get; private set; }
        public long Sequence { get; set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (clock.gate)
            {
                clock.timers.Remove(this);
                if (dueTime == Timeout.InfiniteTimeSpan) return true;
                ArgumentOutOfRangeException.ThrowIfLessThan(dueTime, TimeSpan.Zero);
                Due = clock.now + dueTime;
                Period = period == Timeout.InfiniteTimeSpan ? TimeSpan.Zero : period;
                Sequence = ++clock.sequence;
                clock.timers.Add(this);
                clock.ReleaseWaiters();
                return true;
            }
        }

        public void Dispose()
        {
            lock (clock.gate) clock.timers.Remove(this);
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
