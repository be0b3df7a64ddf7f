using System.Collections.Concurrent;
using ChangeMgmt.Core.Ports;
using ChangeMgmt.Local;

namespace ChangeMgmt.Tests.Local;

public sealed class LocalChangeQueueTests : IDisposable
{
    private static readonly CancellationToken Ct = CancellationToken.None;
    private static readonly TimeSpan Visibility = TimeSpan.FromSeconds(30);
    private readonly LocalFixture _fixture = new(options => options with { MaxReceiveCount = 3 });

    private LocalChangeQueue Queue => _fixture.Adapters.Queue;

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public async Task A_received_message_is_invisible_until_its_visibility_timeout_runs_out()
    {
        await Queue.SendAsync("acme", "body-1", Ct);

        var first = Assert.Single(await Queue.ReceiveAsync("acme", 10, Visibility, TimeSpan.Zero, Ct));
        var whileHidden = await Queue.ReceiveAsync("acme", 10, Visibility, TimeSpan.Zero, Ct);
        var hiddenCounts = await Queue.CountAsync("acme", Ct);
        _fixture.Time.Advance(Visibility + TimeSpan.FromMilliseconds(1));
        var again = Assert.Single(await Queue.ReceiveAsync("acme", 10, Visibility, TimeSpan.Zero, Ct));

        Assert.Equal(("acme", "body-1", 1), (first.CustomerCode, first.Body, first.ReceiveCount));
        Assert.Empty(whileHidden);
        Assert.Equal(new QueueCounts("acme", 0, 1), hiddenCounts);
        Assert.Equal(first.MessageId, again.MessageId);
        Assert.Equal(2, again.ReceiveCount);
        Assert.NotEqual(first.ReceiptHandle, again.ReceiptHandle);
    }

    [Fact]
    public async Task A_deferred_message_is_hidden_for_the_delay_and_its_receive_is_not_counted_towards_the_dead_letters()
    {
        await Queue.SendAsync("acme", "waits", Ct);
        var delay = TimeSpan.FromMinutes(2);
        for (var i = 0; i < Queue.MaxReceiveCount + 2; i++)
        {
            var message = Assert.Single(await Queue.ReceiveAsync("acme", 10, Visibility, TimeSpan.Zero, Ct));
            Assert.Equal(1, message.ReceiveCount);
            await Queue.DeferAsync(message, delay, Ct);
            _fixture.Time.Advance(delay - TimeSpan.FromMilliseconds(1));
            Assert.Empty(await Queue.ReceiveAsync("acme", 10, Visibility, TimeSpan.Zero, Ct));
            _fixture.Time.Advance(TimeSpan.FromMilliseconds(2));
        }

        Assert.Empty(await _fixture.Adapters.DeadLetters.ListAsync("acme", Ct));
        Assert.Equal(1, (await Queue.CountAsync("acme", Ct)).Visible);
    }

    [Fact]
    public async Task Deferring_a_message_not_held_under_its_receipt_adds_it_again_after_the_delay()
    {
        await Queue.DeferAsync(new QueuedMessage("acme", "from-events", "handle-from-lambda", "copied", 3), TimeSpan.FromSeconds(5), Ct);

        Assert.Empty(await Queue.ReceiveAsync("acme", 10, Visibility, TimeSpan.Zero, Ct));
        _fixture.Time.Advance(TimeSpan.FromSeconds(5));
        var copy = Assert.Single(await Queue.ReceiveAsync("acme", 10, Visibility, TimeSpan.Zero, Ct));
        Assert.Equal(("copied", 1), (copy.Body, copy.ReceiveCount));
    }

    [Fact]
    public async Task Queues_are_per_customer()
    {
        await Queue.SendAsync("acme", "for acme", Ct);

        Assert.Empty(await Queue.ReceiveAsync("globex", 10, Visibility, TimeSpan.Zero, Ct));
        Assert.Equal("for acme", Assert.Single(await Queue.ReceiveAsync("acme", 10, Visibility, TimeSpan.Zero, Ct)).Body);
    }

    [Fact]
    public async Task Receive_takes_at_most_the_requested_number()
    {
        for (var i = 0; i < 5; i++)
            await Queue.SendAsync("acme", $"m{i}", Ct);

        var batch = await Queue.ReceiveAsync("acme", 3, Visibility, TimeSpan.Zero, Ct);

        Assert.Equal(3, batch.Count);
        Assert.Equal(new QueueCounts("acme", 2, 3), await Queue.CountAsync("acme", Ct));
    }

    [Fact]
    public async Task Concurrent_receivers_never_share_a_message()
    {
        const int Messages = 200;
        for (var i = 0; i < Messages; i++)
            await Queue.SendAsync("acme", $"m{i}", Ct);
        var received = new ConcurrentBag<QueuedMessage>();

        var receivers = Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            while (await Queue.ReceiveAsync("acme", 3, Visibility, TimeSpan.Zero, Ct) is { Count: > 0 } batch)
                foreach (var message in batch)
                    received.Add(message);
        }));
        await Task.WhenAll(receivers);

        Assert.Equal(Messages, received.Count);
        Assert.Equal(Messages, received.Select(m => m.MessageId).Distinct().Count());
        Assert.All(received, m => Assert.Equal(1, m.ReceiveCount));
    }

    [Fact]
    public async Task Delete_with_the_current_handle_removes_the_message()
    {
        await Queue.SendAsync("acme", "body", Ct);
        var message = Assert.Single(await Queue.ReceiveAsync("acme", 1, Visibility, TimeSpan.Zero, Ct));

        await Queue.DeleteAsync(message, Ct);
        _fixture.Time.Advance(Visibility * 2);

        Assert.Equal(0, (await Queue.CountAsync("acme", Ct)).Total);
    }

    [Fact]
    public async Task A_stale_receipt_handle_affects_nothing()
    {
        await Queue.SendAsync("acme", "body", Ct);
        var stale = Assert.Single(await Queue.ReceiveAsync("acme", 1, Visibility, TimeSpan.Zero, Ct));
        _fixture.Time.Advance(Visibility + TimeSpan.FromSeconds(1));
        var current = Assert.Single(await Queue.ReceiveAsync("acme", 1, Visibility, TimeSpan.Zero, Ct));

        await Queue.DeleteAsync(stale, Ct);
        await Queue.ReleaseAsync(stale, "stale release", Ct);
        await Queue.ExtendVisibilityAsync(stale, TimeSpan.FromHours(1), Ct);

        Assert.Equal(new QueueCounts("acme", 0, 1), await Queue.CountAsync("acme", Ct));
        _fixture.Time.Advance(Visibility + TimeSpan.FromSeconds(1));
        var after = Assert.Single(await Queue.ReceiveAsync("acme", 1, Visibility, TimeSpan.Zero, Ct));
        Assert.Equal(current.MessageId, after.MessageId);
        await Queue.DeleteAsync(after, Ct);
        Assert.Equal(0, (await Queue.CountAsync("acme", Ct)).Total);
    }

    [Fact]
    public async Task Release_offers_the_message_again_after_a_pause_that_doubles_with_each_receive()
    {
        await Queue.SendAsync("acme", "body", Ct);
        var message = Assert.Single(await Queue.ReceiveAsync("acme", 1, Visibility, TimeSpan.Zero, Ct));

        await Queue.ReleaseAsync(message, "SES throttled", Ct);
        Assert.Empty(await Queue.ReceiveAsync("acme", 1, Visibility, TimeSpan.Zero, Ct));
        _fixture.Time.Advance(TimeSpan.FromSeconds(1));
        var again = Assert.Single(await Queue.ReceiveAsync("acme", 1, Visibility, TimeSpan.Zero, Ct));
        Assert.Equal((message.MessageId, 2), (again.MessageId, again.ReceiveCount));

        await Queue.ReleaseAsync(again, "SES throttled", Ct);
        _fixture.Time.Advance(TimeSpan.FromSeconds(1.9));
        Assert.Empty(await Queue.ReceiveAsync("acme", 1, Visibility, TimeSpan.Zero, Ct));
        _fixture.Time.Advance(TimeSpan.FromSeconds(0.1));
        Assert.Equal(3, Assert.Single(await Queue.ReceiveAsync("acme", 1, Visibility, TimeSpan.Zero, Ct)).ReceiveCount);
    }

    [Fact]
    public async Task Extend_visibility_keeps_the_message_hidden_longer()
    {
        await Queue.SendAsync("acme", "body", Ct);
        var message = Assert.Single(await Queue.ReceiveAsync("acme", 1, Visibility, TimeSpan.Zero, Ct));

        await Queue.ExtendVisibilityAsync(message, TimeSpan.FromMinutes(10), Ct);
        _fixture.Time.Advance(Visibility * 2);

        Assert.Empty(await Queue.ReceiveAsync("acme", 1, Visibility, TimeSpan.Zero, Ct));
        _fixture.Time.Advance(TimeSpan.FromMinutes(10));
        Assert.Single(await Queue.ReceiveAsync("acme", 1, Visibility, TimeSpan.Zero, Ct));
    }

    [Fact]
    public async Task After_max_receive_count_the_message_is_dead_lettered_with_the_last_reason()
    {
        var id = await Queue.SendAsync("acme", "poison", Ct);
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            var message = Assert.Single(await Queue.ReceiveAsync("acme", 1, Visibility, TimeSpan.Zero, Ct));
            await Queue.ReleaseAsync(message, $"failure {attempt}", Ct);
            _fixture.Time.Advance(ChangeMgmt.Core.Delivery.RedeliveryDelay.After(attempt));
        }

        var fourth = await Queue.ReceiveAsync("acme", 1, Visibility, TimeSpan.Zero, Ct);

        Assert.Empty(fourth);
        var letter = Assert.Single(await _fixture.Adapters.DeadLetters.ListAsync("acme", Ct));
        Assert.Equal(("acme", id, "poison", "failure 3"), (letter.CustomerCode, letter.MessageId, letter.Body, letter.Reason));
        Assert.Empty(await _fixture.Adapters.DeadLetters.ListAsync("globex", Ct));
        Assert.Equal(0, (await Queue.CountAsync("acme", Ct)).Total);
    }

    [Fact]
    public async Task A_message_that_timed_out_without_a_reason_is_dead_lettered_as_exceeded()
    {
        await Queue.SendAsync("acme", "lost", Ct);
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            Assert.Single(await Queue.ReceiveAsync("acme", 1, Visibility, TimeSpan.Zero, Ct));
            _fixture.Time.Advance(Visibility + TimeSpan.FromSeconds(1));
        }

        Assert.Empty(await Queue.ReceiveAsync("acme", 1, Visibility, TimeSpan.Zero, Ct));

        Assert.Equal("exceeded maxReceiveCount 3", Assert.Single(await _fixture.Adapters.DeadLetters.ListAsync(null, Ct)).Reason);
    }

    [Fact]
    public async Task Dead_letters_kept_by_the_worker_are_listed_per_customer()
    {
        var store = _fixture.Adapters.DeadLetters;
        var at = _fixture.Time.GetUtcNow();

        await store.KeepAsync(new DeadLetter("acme", "m1", "{}", "not a change", at), Ct);
        await store.KeepAsync(new DeadLetter(null, "m2", "x", "no customer", at), Ct);

        Assert.Equal(new DeadLetter("acme", "m1", "{}", "not a change", at), Assert.Single(await store.ListAsync("acme", Ct)));
        Assert.Equal(["m1", "m2"], (await store.ListAsync(null, Ct)).Select(l => l.MessageId));
    }

    [Fact]
    public async Task A_long_poll_returns_as_soon_as_a_message_arrives()
    {
        var poll = Queue.ReceiveAsync("acme", 10, Visibility, TimeSpan.FromMinutes(5), Ct);
        Assert.False(poll.IsCompleted);

        await Queue.SendAsync("acme", "late", Ct);

        var finished = await Task.WhenAny(poll, Task.Delay(TimeSpan.FromSeconds(30), Ct));
        Assert.Same(poll, finished);
        Assert.Equal("late", Assert.Single(await poll).Body);
    }

    [Fact]
    public async Task A_long_poll_is_woken_by_a_trigger_object()
    {
        var poll = Queue.ReceiveAsync("acme", 10, Visibility, TimeSpan.FromMinutes(5), Ct);

        await _fixture.Adapters.Objects.PutAsync("customers/acme/CHG-1.json", [1], WriteCondition.None, Ct);

        var finished = await Task.WhenAny(poll, Task.Delay(TimeSpan.FromSeconds(30), Ct));
        Assert.Same(poll, finished);
        Assert.Single(await poll);
    }

    [Fact]
    public async Task A_long_poll_ends_when_cancelled()
    {
        using var cancel = new CancellationTokenSource();
        var poll = Queue.ReceiveAsync("acme", 10, Visibility, TimeSpan.FromMinutes(5), cancel.Token);

        await cancel.CancelAsync();

        var finished = await Task.WhenAny(poll, Task.Delay(TimeSpan.FromSeconds(30), Ct));
        Assert.Same(poll, finished);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => poll);
    }

    [Fact]
    public async Task A_long_poll_with_no_message_ends_at_its_deadline()
    {
        var poll = Queue.ReceiveAsync("acme", 10, Visibility, TimeSpan.FromSeconds(20), Ct);

        _fixture.Time.Advance(TimeSpan.FromSeconds(21));

        var finished = await Task.WhenAny(poll, Task.Delay(TimeSpan.FromSeconds(30), Ct));
        Assert.Same(poll, finished);
        Assert.Empty(await poll);
    }
}
