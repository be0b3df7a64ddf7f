namespace ChangeMgmt.Aws.Tests.Ses;

/// <summary>
/// A clock that moves only when told: <see cref="Advance"/> fires every timer that falls due, on the
/// calling thread, before it returns. <see cref="WhenTimerPendingAsync"/> lets a test wait until code
/// under test has started waiting on this clock.
/// </summary>
internal sealed class ManualTimeProvider(DateTimeOffset start) : TimeProvider
{
    private readonly Lock gate = new();
    private readonly List<ManualTimer> timers = [];
    private readonly List<TaskCompletionSource> waiters = [];
    private DateTimeOffset now = start;
    private long elapsedTicks;

    public ManualTimeProvider() : this(new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero)) { }

    public override DateTimeOffset GetUtcNow() { lock (gate) return now; }

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() { lock (gate) return elapsedTicks; }

    /// <summary>How long from now each pending timer has left, soonest first.</summary>
    public IReadOnlyList<TimeSpan> PendingTimers()
    {
        lock (gate) return [.. timers.Select(t => TimeSpan.FromTicks(t.DueAt - elapsedTicks)).Order()];
    }

    /// <summary>Completes once at least one timer is pending; fails (rather than hangs) when none comes within 10 s.</summary>
    public Task WhenTimerPendingAsync()
    {
        lock (gate)
        {
            if (timers.Count > 0) return Task.CompletedTask;
            var waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            waiters.Add(waiter);
            return waiter.Task.WaitAsync(TimeSpan.FromSeconds(10), TimeProvider.System);
        }
    }

    public void Advance(TimeSpan by)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(by, TimeSpan.Zero);
        long target;
        lock (gate)
        {
            target = elapsedTicks + by.Ticks;
        }
        while (true)
        {
            ManualTimer? next;
            lock (gate)
            {
                next = timers.Where(t => t.DueAt <= target).MinBy(t => t.DueAt);
                if (next is null)
                {
                    now += TimeSpan.FromTicks(target - elapsedTicks);
                    elapsedTicks = target;
                    return;
                }
                now += TimeSpan.FromTicks(next.DueAt - elapsedTicks);
                elapsedTicks = next.DueAt;
                timers.Remove(next);
                if (next.Period > 0) Schedule(next, next.DueAt + next.Period);
            }
            next.Fire();
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ManualTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    private void Schedule(ManualTimer timer, long dueAt)
    {
        timer.DueAt = dueAt;
        timers.Add(timer);
        foreach (var waiter in waiters) waiter.TrySetResult();
        waiters.Clear();
    }

    private bool Change(ManualTimer timer, TimeSpan dueTime, TimeSpan period)
    {
        lock (gate)
        {
            timers.Remove(timer);
            timer.Period = period == Timeout.InfiniteTimeSpan ? 0 : period.Ticks;
            if (dueTime != Timeout.InfiniteTimeSpan)
                Schedule(timer, elapsedTicks + Math.Max(0, dueTime.Ticks));
        }
        return true;
    }

    private void Remove(ManualTimer timer)
    {
        lock (gate) timers.Remove(timer);
    }

    private sealed class ManualTimer(ManualTimeProvider owner, TimerCallback callback, object? state) : ITimer
    {
        public long DueAt { get; set; }
        public long Period { get; set; }

        public void Fire() => callback(state);

        public bool Change(TimeSpan dueTime, TimeSpan period) => owner.Change(this, dueTime, period);

        public void Dispose() => owner.Remove(this);

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
