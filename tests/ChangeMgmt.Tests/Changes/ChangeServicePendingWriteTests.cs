using ChangeMgmt.Core.Changes;
using ChangeMgmt.Core.Errors;
using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Tests.Changes;

/// <summary>
/// Nothing a change write owes is lost: many writers at once never contend, a write whose follow-up
/// (triggers, index entry) did not happen is finished from its note, and the index never fails a write.
/// </summary>
public abstract partial class ChangeServiceTests
{
    [Fact]
    public async Task Thirty_two_writers_at_once_all_succeed_and_every_change_is_listed_with_its_triggers()
    {
        var approved = await Task.WhenAll(Enumerable.Range(0, 32).Select(async i =>
        {
            var draft = await Service.CreateAsync(Complete() with { ChangeTitle = $"Change {i}" }, $"writer{i}", None);
            await Service.ApplyAsync(draft.ChangeId, ChangeAction.Submit, $"writer{i}", 1, None);
            return (await Service.ApplyAsync(draft.ChangeId, ChangeAction.Approve, "approver", 2, None)).Change;
        }));

        var listed = await Service.ListAllAsync(new ChangeQuery(), None).ToListAsync();
        Assert.Equal(approved.Select(c => c.ChangeId).Order(), listed.Select(s => s.ChangeId).Order());
        Assert.All(listed, s => Assert.Equal((ChangeStatus.Approved, 3), (s.Status, s.Version)));
        foreach (var change in approved)
            foreach (var code in change.Customers)
                Assert.Equal(3, await TriggerVersionAsync(code, change.ChangeId));
        Assert.Empty(await PendingWrites.ListAsync(Store, null, None));
    }

    [Fact]
    public async Task A_writer_that_dies_after_storing_the_change_leaves_a_note_that_others_finish_after_the_grace()
    {
        var draft = await Service.CreateAsync(Complete(), "alice", None);
        await Service.ApplyAsync(draft.ChangeId, ChangeAction.Submit, "alice", 1, None);
        // The process dies right after the approved change is stored: no trigger, no index entry.
        Store.BeforePut = (key, _) => key.StartsWith(StorageLayout.CustomersPrefix, StringComparison.Ordinal)
            ? Task.FromException(new OperationCanceledException("the process died"))
            : Task.CompletedTask;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Service.ApplyAsync(draft.ChangeId, ChangeAction.Approve, "bob", 2, None));
        Store.BeforePut = null;

        Assert.Equal(ChangeStatus.Approved, (await Service.GetAsync(draft.ChangeId, None)).Change.Status);
        Assert.Equal(2, await TriggerVersionAsync("acme", draft.ChangeId));
        Assert.Equal(0, await Service.CompletePendingWritesAsync(null, None));

        Clock.Advance(Service.PendingWriteGrace);
        Assert.Equal(1, await Service.CompletePendingWritesAsync(draft.ChangeId, None));

        foreach (var code in new[] { "acme", "globex" })
            Assert.Equal(3, await TriggerVersionAsync(code, draft.ChangeId));
        Assert.Equal(ChangeStatus.Approved, Assert.Single((await Service.ListAsync(new ChangeQuery(), null, None)).Items).Status);
        Assert.Empty(await PendingWrites.ListAsync(Store, null, None));
        Assert.Equal(0, await Service.CompletePendingWritesAsync(null, None));
    }

    [Fact]
    public async Task Finishing_a_note_rewrites_only_the_triggers_that_do_not_hold_the_version()
    {
        var draft = await Service.CreateAsync(Complete(), "alice", None);
        var globex = StorageLayout.CustomerTrigger("globex", draft.ChangeId);
        Store.BeforePut = (key, _) => key == globex ? Task.FromException(new OperationCanceledException("died")) : Task.CompletedTask;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Service.ApplyAsync(draft.ChangeId, ChangeAction.Submit, "alice", 1, None));
        Store.BeforePut = null;
        Store.PutKeys.Clear();

        Clock.Advance(Service.PendingWriteGrace);
        Assert.Equal(1, await Service.CompletePendingWritesAsync(null, None));

        Assert.Equal([globex], Store.PutKeys.Where(k => k.StartsWith(StorageLayout.CustomersPrefix, StringComparison.Ordinal)));
        Assert.Equal(2, await TriggerVersionAsync("globex", draft.ChangeId));
    }

    [Fact]
    public async Task A_write_refused_for_a_conflict_leaves_no_note_and_a_note_of_a_version_never_written_is_dropped()
    {
        var draft = await Service.CreateAsync(Complete(), "alice", None);
        await Service.ApplyAsync(draft.ChangeId, ChangeAction.Submit, "alice", 1, None);
        await Assert.ThrowsAsync<ChangeVersionConflictException>(() => Service.ApplyAsync(draft.ChangeId, ChangeAction.Approve, "bob", 1, None));
        Assert.Empty(await PendingWrites.ListAsync(Store, null, None));

        // A writer that died between its note and the change: the version does not exist.
        await PendingWrites.RecordAsync(Store, new(draft.ChangeId, 7, Clock.GetUtcNow(), "dead"), None);
        Clock.Advance(Service.PendingWriteGrace);
        Assert.Equal(1, await Service.CompletePendingWritesAsync(null, None));
        Assert.Empty(await PendingWrites.ListAsync(Store, null, None));
        Assert.Equal(2, (await Service.GetAsync(draft.ChangeId, None)).Change.Version);
    }

    [Fact]
    public async Task An_index_that_cannot_be_written_never_fails_the_write_and_the_change_is_listed_once_it_can()
    {
        Store.BeforePut = (key, _) => key.StartsWith(ObjectStoreChangeIndex.Prefix, StringComparison.Ordinal)
            ? Task.FromException(new ServiceException(ServiceErrorKind.Unavailable, "index bucket throttled"))
            : Task.CompletedTask;
        var create = Service.CreateAsync(Complete(), "alice", None);
        while (!create.IsCompleted)
        {
            await Clock.WhenPendingTimersAsync();
            Clock.Advance(TimeSpan.FromSeconds(1));
        }
        var draft = await create;
        Store.BeforePut = null;

        Assert.Equal(ChangeStatus.Draft, (await Service.GetAsync(draft.ChangeId, None)).Change.Status);
        Assert.Empty((await Service.ListAsync(new ChangeQuery(), null, None)).Items);

        Clock.Advance(Service.PendingWriteGrace);
        Assert.Equal(1, await Service.CompletePendingWritesAsync(null, None));
        Assert.Equal(draft.ChangeId, Assert.Single((await Service.ListAsync(new ChangeQuery(), null, None)).Items).ChangeId);
    }

    private async Task<int> TriggerVersionAsync(string customer, string changeId) =>
        await Store.GetAsync(StorageLayout.CustomerTrigger(customer, changeId), None) is { } stored
            ? ChangeJson.Deserialize(stored.Content, stored.Key).Version
            : 0;
}
