using ChangeMgmt.Core.Delivery;
using ChangeMgmt.Core.Resilience;

namespace ChangeMgmt.Tests.Resilience;

/// <summary>
/// The pacer waits on the TimeProvider it is given; with <see cref="ManualClock"/> the waits end
/// synchronously inside Advance (no synchronization context), so completion is observed without sleeping.
/// </summary>
public sealed class CallPacerTests
{
    private static int Completed(IEnumerable<Task> tasks) => tasks.Count(t => t.IsCompletedSuccessfully);

    [Fact]
    public void Ten_callers_at_five_per_second_go_one_every_two_hundred_milliseconds()
    {
        using var _ = NoSynchronizationContext.Enter();
        var clock = new ManualClock();
        var pacer = new CallPacer(5, clock);

        var waits = Enumerable.Range(0, 10).Select(_ => pacer.WaitAsync(CancellationToken.None).AsTask()).ToList();

        Assert.Equal(1, Completed(waits));
        Assert.True(waits[0].IsCompletedSuccessfully);

        clock.Advance(TimeSpan.FromMilliseconds(199));
        Assert.Equal(1, Completed(waits));

        clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(2, Completed(waits));
        Assert.True(waits[1].IsCompletedSuccessfully);

        clock.Advance(TimeSpan.FromMilliseconds(800));
        Assert.Equal(6, Completed(waits));
        Assert.True(waits.Take(6).All(t => t.IsCompletedSuccessfully), "callers are served in arrival order");

        clock.Advance(TimeSpan.FromMilliseconds(799));
        Assert.Equal(9, Completed(waits));

        clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(10, Completed(waits));
        Assert.Equal(0, clock.PendingTimers);
    }

    [Fact]
    public void Idle_time_does_not_build_up_a_burst()
    {
        using var _ = NoSynchronizationContext.Enter();
        var clock = new ManualClock();
        var pacer = new CallPacer(5, clock);

        Assert.True(pacer.WaitAsync(CancellationToken.None).IsCompletedSuccessfully);
        clock.Advance(TimeSpan.FromSeconds(10));

        var waits = Enumerable.Range(0, 3).Select(_ => pacer.WaitAsync(CancellationToken.None).AsTask()).ToList();

        Assert.Equal(1, Completed(waits));
        clock.Advance(TimeSpan.FromMilliseconds(200));
        Assert.Equal(2, Completed(waits));
        clock.Advance(TimeSpan.FromMilliseconds(200));
        Assert.Equal(3, Completed(waits));
    }

    [Fact]
    public void A_caller_after_the_slot_passed_goes_at_once()
    {
        using var _ = NoSynchronizationContext.Enter();
        var clock = new ManualClock();
        var pacer = new CallPacer(2, clock);

        Assert.True(pacer.WaitAsync(CancellationToken.None).IsCompletedSuccessfully);
        clock.Advance(TimeSpan.FromMilliseconds(500));
        Assert.True(pacer.WaitAsync(CancellationToken.None).IsCompletedSuccessfully);
        clock.Advance(TimeSpan.FromMilliseconds(499));
        var third = pacer.WaitAsync(CancellationToken.None).AsTask();
        Assert.False(third.IsCompleted);
        clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True(third.IsCompletedSuccessfully);
    }

    [Fact]
    public void No_window_sees_more_than_rate_times_length_plus_one()
    {
        using var _ = NoSynchronizationContext.Enter();
        var clock = new ManualClock();
        var start = clock.GetUtcNow();
        var pacer = new CallPacer(14, clock);
        var finished = new List<TimeSpan>();

        var waits = Enumerable.Range(0, 60)
            .Select(_ => pacer.WaitAsync(CancellationToken.None).AsTask().ContinueWith(
                _ => { lock (finished) finished.Add(clock.GetUtcNow() - start); }, TaskContinuationOptions.ExecuteSynchronously))
            .ToList();
        for (var i = 0; i < 600 && waits.Any(t => !t.IsCompleted); i++)
            clock.Advance(TimeSpan.FromMilliseconds(10));

        Assert.Equal(60, finished.Count);
        var window = TimeSpan.FromSeconds(1);
        foreach (var at in finished)
        {
            var inWindow = finished.Count(t => t >= at && t < at + window);
            Assert.True(inWindow <= 14 + 1, $"{inWindow} sends in the second from {at}");
        }
    }

    [Fact]
    public async Task A_cancelled_wait_ends_as_cancelled()
    {
        var clock = new ManualClock();
        var pacer = new CallPacer(1, clock);
        Assert.True(pacer.WaitAsync(CancellationToken.None).IsCompletedSuccessfully);
        using var cts = new CancellationTokenSource();

        var wait = pacer.WaitAsync(cts.Token).AsTask();
        Assert.False(wait.IsCompleted);
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait);
        Assert.True(wait.IsCanceled);
    }

    [Fact]
    public async Task Slots_of_waits_cancelled_together_are_taken_back_and_the_next_caller_goes_one_interval_after_the_last_send()
    {
        var clock = new ManualClock();
        var pacer = new CallPacer(2, clock);
        Assert.True(pacer.WaitAsync(CancellationToken.None).IsCompletedSuccessfully);
        using var deadline = new CancellationTokenSource();
        var cancelled = Enumerable.Range(0, 4).Select(_ => pacer.WaitAsync(deadline.Token).AsTask()).ToList(); // 0.5 s to 2 s ahead

        await deadline.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Task.WhenAll(cancelled));
        clock.Advance(TimeSpan.FromMilliseconds(100));
        var next = pacer.WaitAsync(CancellationToken.None).AsTask();

        Assert.False(next.IsCompleted);
        clock.Advance(TimeSpan.FromMilliseconds(399));
        Assert.False(next.IsCompleted);
        clock.Advance(TimeSpan.FromMilliseconds(1));
        await next.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void The_rate_must_be_positive(double rate)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new CallPacer(rate, new ManualClock()));
    }
}

public sealed class ManualClockTests
{
    [Fact]
    public void Timers_fire_in_due_order_inside_advance_and_see_their_due_time()
    {
        var clock = new ManualClock();
        var start = clock.GetUtcNow();
        var fired = new List<(string, TimeSpan)>();
        using var late = clock.CreateTimer(_ => fired.Add(("late", clock.GetUtcNow() - start)), null, TimeSpan.FromSeconds(2), Timeout.InfiniteTimeSpan);
        using var early = clock.CreateTimer(_ => fired.Add(("early", clock.GetUtcNow() - start)), null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);
        using var never = clock.CreateTimer(_ => fired.Add(("never", clock.GetUtcNow() - start)), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);

        clock.Advance(TimeSpan.FromMilliseconds(999));
        Assert.Empty(fired);
        clock.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal([("early", TimeSpan.FromSeconds(1)), ("late", TimeSpan.FromSeconds(2))], fired);
        Assert.Equal(start + TimeSpan.FromMilliseconds(5999), clock.GetUtcNow());
    }

    [Fact]
    public void Periodic_timers_repeat_until_disposed_and_changed_timers_move()
    {
        var clock = new ManualClock();
        var ticks = 0;
        var timer = clock.CreateTimer(_ => ticks++, null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));

        clock.Advance(TimeSpan.FromSeconds(3));
        Assert.Equal(3, ticks);
        timer.Change(TimeSpan.FromSeconds(10), Timeout.InfiniteTimeSpan);
        clock.Advance(TimeSpan.FromSeconds(9));
        Assert.Equal(3, ticks);
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(4, ticks);
        clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(4, ticks);

        timer.Change(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        timer.Dispose();
        clock.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(4, ticks);
    }

    [Fact]
    public void Timestamps_follow_the_clock()
    {
        var clock = new ManualClock();
        var before = clock.GetTimestamp();

        clock.Advance(TimeSpan.FromMilliseconds(1500));

        Assert.Equal(TimeSpan.FromMilliseconds(1500), clock.GetElapsedTime(before));
    }
}
