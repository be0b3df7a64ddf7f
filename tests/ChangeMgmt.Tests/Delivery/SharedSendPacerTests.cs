using ChangeMgmt.Core.Delivery;
using ChangeMgmt.Local;
using ChangeMgmt.Tests.Local;

namespace ChangeMgmt.Tests.Delivery;

/// <summary>
/// The pacer every process sending for a customer uses: it books the account's send time in the ledger (a real
/// local database here; two <see cref="LocalAdapters"/>s on one data directory are two processes) and paces inside
/// what it booked. With <see cref="ManualClock"/> the clock moves only when every caller waits on it (see
/// <see cref="RunAsync"/>), so the slots each caller gets are exact.
/// </summary>
public sealed class SharedSendPacerTests : IDisposable
{
    private static readonly TimeSpan Tenth = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan HalfSecond = TimeSpan.FromMilliseconds(500);
    private readonly LocalFixture fixture = new();

    private ManualClock Clock => fixture.Time;

    public void Dispose() => fixture.Dispose();

    private SharedSendPacer Pacer(LocalAdapters? backend = null, double rate = 10, TimeSpan? span = null) =>
        new("acme", rate, (backend ?? fixture.Adapters).Ledger, Clock, span ?? HalfSecond);

    [Fact]
    public async Task One_process_alone_books_span_after_span_and_sends_at_the_full_rate()
    {
        var start = Clock.GetUtcNow();
        var slots = new List<DateTimeOffset>();

        await RunAsync(Sends(Pacer(), 12, slots));

        Assert.Equal(Enumerable.Range(0, 12).Select(i => start + i * Tenth), slots);
    }

    [Fact]
    public async Task A_rate_that_does_not_divide_a_second_evenly_still_gets_all_of_it()
    {
        var start = Clock.GetUtcNow();
        var slots = new List<DateTimeOffset>();

        await RunAsync(Sends(Pacer(rate: 14, span: TimeSpan.FromSeconds(1)), 42, slots));

        Assert.Equal([14, 14, 14], slots.GroupBy(s => (int)(s - start).TotalSeconds).Select(g => g.Count()));
        Assert.All(slots.Zip(slots.Skip(1)), pair => Assert.InRange((pair.Second - pair.First).TotalMilliseconds, 71.4, 71.5));
    }

    [Fact]
    public async Task Two_processes_sending_at_once_take_turns_and_together_go_at_the_rate_not_twice_it()
    {
        using var second = new LocalAdapters(fixture.DataDirectory, LocalFixture.Bucket);
        var start = Clock.GetUtcNow();
        List<DateTimeOffset> first = [], other = [];

        await RunAsync(Sends(Pacer(), 10, first), Sends(Pacer(second), 10, other));

        Assert.Equal(Enumerable.Range(0, 20).Select(i => start + i * Tenth), first.Concat(other).Order());
        Assert.Equal(5, first.Count(s => s < start + 2 * HalfSecond));
        Assert.Equal(5, other.Count(s => s < start + 2 * HalfSecond));
    }

    [Fact]
    public async Task Slots_of_waits_a_deadline_cancelled_are_taken_back()
    {
        var pacer = Pacer(span: TimeSpan.FromSeconds(1));
        var start = Clock.GetUtcNow();
        Assert.Equal(start, await pacer.WaitForSlotAsync(CancellationToken.None));
        using var deadline = new CancellationTokenSource();
        var cancelled = Enumerable.Range(0, 4).Select(_ => pacer.WaitForSlotAsync(deadline.Token).AsTask()).ToList();
        await Clock.WhenPendingTimersAsync(4);

        await deadline.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Task.WhenAll(cancelled));
        var slots = new List<DateTimeOffset>();
        await RunAsync(Sends(pacer, 1, slots));

        Assert.Equal([start + Tenth], slots);
    }

    [Fact]
    public async Task Callers_that_wake_late_take_new_slots_instead_of_sending_together_in_their_old_ones()
    {
        var stalling = new StallingClock(Clock);
        var pacer = new SharedSendPacer("acme", 10, fixture.Adapters.Ledger, stalling, TimeSpan.FromSeconds(1));
        var start = stalling.GetUtcNow();
        Assert.Equal(start, await pacer.WaitForSlotAsync(CancellationToken.None));
        var late = Enumerable.Range(0, 3).Select(_ => pacer.WaitForSlotAsync(CancellationToken.None).AsTask()).ToList();
        await Clock.WhenPendingTimersAsync(3);

        // The machine stalls: each of the three wakes 0.6 s after its slot (start + 0.1, 0.2, 0.3 s) came.
        stalling.Stall = TimeSpan.FromMilliseconds(600);
        var slots = new List<DateTimeOffset>();
        await RunAsync(async () => slots.AddRange(await Task.WhenAll(late)));

        Assert.Equal([start + 7 * Tenth, start + 8 * Tenth, start + 9 * Tenth], slots.Order());
    }

    [Fact]
    public async Task Many_callers_book_no_more_than_one_span_ahead()
    {
        var pacer = Pacer();
        var start = Clock.GetUtcNow();
        using var stop = new CancellationTokenSource();
        var waits = Enumerable.Range(0, 30).Select(_ => pacer.WaitForSlotAsync(stop.Token).AsTask()).ToList();
        // The first slot goes at once; nine wait for theirs in two spans, one waits to book a third.
        await Clock.WhenPendingTimersAsync(10);

        Assert.Equal(start + 2 * HalfSecond, await fixture.Adapters.Ledger.BookSendTimeAsync("acme", start, TimeSpan.FromMilliseconds(1), CancellationToken.None));
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Task.WhenAll(waits));
    }

    [Fact]
    public async Task A_rate_below_one_a_second_books_spans_long_enough_for_one_send()
    {
        var start = Clock.GetUtcNow();
        var slots = new List<DateTimeOffset>();

        await RunAsync(Sends(Pacer(rate: 0.5), 3, slots));

        Assert.Equal([start, start + TimeSpan.FromSeconds(2), start + TimeSpan.FromSeconds(4)], slots);
    }

    [Fact]
    public async Task Across_processes_on_the_system_clock_no_two_sends_are_closer_than_one_over_the_rate()
    {
        using var second = new LocalAdapters(fixture.DataDirectory, LocalFixture.Bucket);
        var pacers = new[] { fixture.Adapters, second }.Select(b => new SharedSendPacer("acme", 200, b.Ledger, TimeProvider.System, TimeSpan.FromMilliseconds(50))).ToList();

        var slots = await Task.WhenAll(pacers.SelectMany(l => Enumerable.Range(0, 40).Select(_ => Task.Run(async () => await l.WaitForSlotAsync(CancellationToken.None)))));

        var ordered = slots.Order().ToList();
        Assert.All(ordered.Zip(ordered.Skip(1)), pair => Assert.True(pair.Second - pair.First >= TimeSpan.FromMilliseconds(5), $"{pair.First:O} then {pair.Second:O}"));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void The_rate_must_be_positive(double rate) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Pacer(rate: rate));

    [Fact]
    public async Task Pacers_take_the_lower_of_account_quota_and_configured_cap_once_per_customer()
    {
        var pacers = new SendPacers(fixture.Adapters.Ledger, Clock);
        var asked = 0;

        var capped = await pacers.ForAsync("acme", 3, () => { asked++; return Task.FromResult(14.0); });
        var again = await pacers.ForAsync("acme", 3, () => { asked++; return Task.FromResult(14.0); });
        var uncapped = await pacers.ForAsync("globex", null, () => Task.FromResult(14.0));
        var quotaLower = await pacers.ForAsync("initech", 50, () => Task.FromResult(1.0));

        Assert.Equal(3, capped.RatePerSecond);
        Assert.Same(capped, again);
        Assert.Equal(1, asked);
        Assert.Equal(14, uncapped.RatePerSecond);
        Assert.Equal(1, quotaLower.RatePerSecond);
    }

    [Fact]
    public async Task A_forgotten_pacer_asks_the_account_again()
    {
        var pacers = new SendPacers(fixture.Adapters.Ledger, Clock);
        await Assert.ThrowsAsync<InvalidOperationException>(() => pacers.ForAsync("acme", null, () => throw new InvalidOperationException("quota unavailable")));

        pacers.Forget("acme");
        var pacer = await pacers.ForAsync("acme", null, () => Task.FromResult(7.0));

        Assert.Equal(7, pacer.RatePerSecond);
    }

    /// <summary>One process sending one email after another, noting each slot it was given.</summary>
    private static Func<Task> Sends(SharedSendPacer pacer, int count, List<DateTimeOffset> slots) => async () =>
    {
        for (var i = 0; i < count; i++)
            slots.Add(await pacer.WaitForSlotAsync(CancellationToken.None));
    };

    /// <summary>
    /// Runs the senders, moving the clock on 10 ms at a time only once every unfinished sender waits on it (each has
    /// one timer pending), so a booking in flight (on the database's writer thread) never sees the clock move.
    /// </summary>
    private async Task RunAsync(params Func<Task>[] senders)
    {
        var running = senders.Select(s => Task.Run(s)).ToList();
        while (running.Any(t => !t.IsCompleted))
        {
            var unfinished = running.Where(t => !t.IsCompleted).ToList();
            var settled = Clock.WhenPendingTimersAsync(unfinished.Count);
            if (await Task.WhenAny(settled, Task.WhenAny(unfinished)) != settled) continue;
            await settled;
            if (Clock.PendingTimers >= running.Count(t => !t.IsCompleted)) Clock.Advance(TimeSpan.FromMilliseconds(10));
        }
        await Task.WhenAll(running);
    }

    /// <summary>The test clock as a stalled process sees it: timers fire on time, but it reads the time <see cref="Stall"/> later.</summary>
    private sealed class StallingClock(ManualClock clock) : TimeProvider
    {
        public TimeSpan Stall { get; set; }

        public override DateTimeOffset GetUtcNow() => clock.GetUtcNow() + Stall;

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) => clock.CreateTimer(callback, state, dueTime, period);
    }
}
