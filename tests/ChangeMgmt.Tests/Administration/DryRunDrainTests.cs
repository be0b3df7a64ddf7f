using System.Collections.Concurrent;
using ChangeMgmt.Core.Delivery;
using ChangeMgmt.Tests.Delivery;

namespace ChangeMgmt.Tests.Administration;

/// <summary>QueueWorker.DrainAsync with DryRun (Invoke-ChangeMgmtWorker -WhatIf) on the local queue and SES.</summary>
public sealed class DryRunDrainTests : IDisposable
{
    private static readonly DeliveryOptions DryRun = new(DryRun: true);

    private readonly DeliveryWorld world = new("acme", "globex");

    public void Dispose() => world.Dispose();

    private async Task<string[]> TwoChangesAsync()
    {
        await world.SeedAsync("acme", contacts: 4);
        return [(await world.SubmittedChangeAsync("acme")).ChangeId, (await world.SubmittedChangeAsync("acme")).ChangeId];
    }

    [Fact]
    public async Task A_dry_run_sends_nothing_reports_each_message_once_and_leaves_it_visible_for_the_real_run()
    {
        var changes = await TwoChangesAsync();
        var (_, worker) = world.Engine();
        var handled = new ConcurrentQueue<(string MessageId, MessageOutcome Outcome)>();

        var previewed = await worker.DrainAsync("acme", DryRun, default, (m, o) => handled.Enqueue((m.MessageId, o)));

        Assert.Equal(2, previewed);
        Assert.Equal(2, handled.Select(h => h.MessageId).Distinct().Count());
        Assert.Equal(2, handled.Count);
        var deliveries = handled.SelectMany(h => Assert.IsType<MessageOutcome.Completed>(h.Outcome).Deliveries).ToList();
        Assert.Equal(changes.Order(), deliveries.Select(d => d.ChangeId).Order());
        Assert.All(deliveries, d => Assert.True(d.DryRun));
        Assert.All(deliveries.SelectMany(d => d.Notifications), n => Assert.Equal((4, 0), (n.Recipients.Count, n.Sent)));
        Assert.Equal(0, await world.Adapters.Outbox.CountAsync(null, null, default));
        foreach (var change in changes)
            Assert.Empty(await world.Adapters.Ledger.ListAsync(change, "acme", default));
        var queued = await world.Adapters.Queue.CountAsync("acme", default);
        Assert.Equal((2, 0), (queued.Visible, queued.InFlight));

        Assert.Equal(2, await worker.DrainAsync("acme", DeliveryOptions.Send, default));

        var wanted = deliveries.SelectMany(d => d.Notifications).Sum(n => n.Recipients.Count);
        Assert.True(wanted > 0);
        Assert.Equal(wanted, await world.Adapters.Outbox.CountAsync("acme", null, default));
        Assert.Equal(0, (await world.Adapters.Queue.CountAsync("acme", default)).Total);
    }

    [Fact]
    public async Task A_dry_run_of_an_empty_queue_handles_nothing_and_leaves_other_customers_alone()
    {
        await TwoChangesAsync();
        var (_, worker) = world.Engine();
        var calls = 0;

        Assert.Equal(0, await worker.DrainAsync("globex", DryRun, default, (_, _) => Interlocked.Increment(ref calls)));

        Assert.Equal(0, calls);
        Assert.Equal(2, (await world.Adapters.Queue.CountAsync("acme", default)).Visible);
    }
}
