namespace ChangeMgmt.Aws.Tests.Identity;

/// <summary>
/// A TimeProvider that moves only in <see cref="Advance"/>; due timers fire there, in due order,
/// on the calling thread. <see cref="WhenPendingTimersAsync"/> tells when the code under test has
/// reached a wait.
/// </summary>
public sealed class ManualTime : TimeProvider
{
    private readonly Lock gate = new();
    private readonly List<ManualTimer> timers = [];
    private readonly List<(int Count, TaskCompletionSource Done)> waiters = [];
    private DateTimeOffset now = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    private long sequence;

    public override DateTimeOffset GetUtcNow()
    {
        lock (gate) return now;
    }

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp()
    {
        lock (gate) return now.UtcTicks;
    }

    public int PendingTimers
    {
        get { lock (gate) return timers.Count; }
    }

    public Task WhenPendingTimersAsync(int count)
    {
        lock (gate)
        {
            if (timers.Count >= count) return Task.CompletedTask;
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            waiters.Add((count, done));
            return done.Task.WaitAsync(TimeSpan.FromSeconds(10));
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ManualTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    public void Advance(TimeSpan by)
    {
        DateTimeOffset target;
        lock (gate) target = now + by;
        while (true)
        {
            ManualTimer? due;
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

    private sealed class ManualTimer(ManualTime time, TimerCallback callback, object? state) : ITimer
    {
        public TimerCallback Callback { get; } = callback;
        public object? State { get; } = state;
        public DateTimeOffset Due { get; set; }
        public TimeSpan Period { get; private set; }
        public long Sequence { get; set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (time.gate)
            {
                time.timers.Remove(this);
                if (dueTime == Timeout.InfiniteTimeSpan) return true;
                Due = time.now + dueTime;
                Period = period == Timeout.InfiniteTimeSpan ? TimeSpan.Zero : period;
                Sequence = ++time.sequence;
                time.timers.Add(this);
                foreach (var waiter in time.waiters.Where(w => time.timers.Count >= w.Count).ToList())
                {
                    time.waiters.Remove(waiter);
                    waiter.Done.TrySetResult();
                }
                return true;
            }
        }

        public void Dispose()
        {
            lock (time.gate) time.timers.Remove(this);
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
