using ChangeMgmt.Core.Changes;
using ChangeMgmt.Core.Configuration;
using ChangeMgmt.Core.Ports;
using ChangeMgmt.Tests.Ports;

namespace ChangeMgmt.Tests.Changes;

/// <summary>
/// The open index: overlap checks read only the open changes whatever the history, a change that closes stops being a
/// candidate even when an older version is written again late, compaction keeps the prefix to about the open changes,
/// and a store written before the open index is filled from the whole index once.
/// </summary>
public sealed class OpenChangeIndexTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 10, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Start = new(2026, 1, 20, 10, 0, 0, TimeSpan.Zero);

    private readonly InterceptingObjectStore store = new(new InMemoryObjectStore());
    private readonly ObjectStoreChangeIndex index;
    private readonly OverlapWarnings warnings;

    public OpenChangeIndexTests()
    {
        index = new ObjectStoreChangeIndex(store);
        warnings = new OverlapWarnings(index);
    }

    private static ChangeSummary Summary(string id, ChangeStatus status, int version, DateTimeOffset? modified = null) =>
        new(id, $"Change {id}", status, version, ["acme"], Now, "jane@msp.example", modified ?? Now, Start, Start.AddHours(2), null, null);

    private async Task<IReadOnlyList<string?>> OverlappingAsync(OverlapWarnings? reader = null) =>
        [.. (await (reader ?? warnings).CheckAsync(new Change { ChangeId = "CHG-new", Customers = ["acme"], ImplementationStart = Start, ImplementationEnd = Start.AddHours(1) }, default))
            .Select(w => w.ChangeId)];

    private async Task<List<string>> OpenKeysAsync() => await store.ListAllKeysAsync(OpenChangeIndex.Prefix, default).ToListAsync();

    [Fact]
    public async Task An_overlap_check_reads_only_the_open_changes_however_many_closed_ones_the_history_holds()
    {
        for (var i = 0; i < 60; i++)
        {
            await index.UpsertAsync(Summary($"CHG-old-{i:D3}", ChangeStatus.Submitted, 2), default);
            await index.UpsertAsync(Summary($"CHG-old-{i:D3}", i % 2 == 0 ? ChangeStatus.Completed : ChangeStatus.Cancelled, 3), default);
        }
        await index.UpsertAsync(Summary("CHG-open-1", ChangeStatus.Submitted, 2), default);
        await index.UpsertAsync(Summary("CHG-open-2", ChangeStatus.Approved, 3), default);
        await OverlappingAsync(); // the first check records that the open index needs no filling
        store.GetKeys.Clear();

        Assert.Equal(["CHG-open-1", "CHG-open-2"], (await OverlappingAsync()).Order());

        Assert.Equal(2, store.GetKeys.Count);
        Assert.All(store.GetKeys, k => Assert.StartsWith(OpenChangeIndex.Prefix, k));
    }

    [Fact]
    public async Task Submitting_reads_only_the_open_changes_of_the_index_however_many_were_cancelled()
    {
        var config = new ChangeMgmtConfig { CustomerMappings = new() { ["acme"] = new() { CustomerCode = "acme" }, ["globex"] = new() { CustomerCode = "globex" } } };
        var service = new ChangeService(store, config, new ManualClock(new DateTimeOffset(2026, 11, 1, 9, 0, 0, TimeSpan.Zero)));
        for (var i = 0; i < 30; i++)
        {
            var old = await service.CreateAsync(ChangeServiceTests.Complete(), "alice", default);
            await service.ApplyAsync(old.ChangeId, ChangeAction.Submit, "alice", 1, default);
            await service.ApplyAsync(old.ChangeId, ChangeAction.Cancel, "alice", 2, default);
        }
        var open = await service.CreateAsync(ChangeServiceTests.Complete(), "alice", default);
        await service.ApplyAsync(open.ChangeId, ChangeAction.Submit, "alice", 1, default);
        var draft = await service.CreateAsync(ChangeServiceTests.Complete(), "alice", default);
        store.GetKeys.Clear();

        var submitted = await service.ApplyAsync(draft.ChangeId, ChangeAction.Submit, "alice", 1, default);

        Assert.Equal([open.ChangeId], submitted.Warnings.Where(w => w.Code == "overlap").Select(w => w.ChangeId).Distinct());
        Assert.Equal([.. new[] { open.ChangeId, draft.ChangeId }.Select(id => OpenChangeIndex.Prefix + id + ".v2.json").Order()], // the two open changes, the submitted one too
            store.GetKeys.Where(k => k.StartsWith(StorageLayout.IndexPrefix, StringComparison.Ordinal)).Order());
    }

    [Theory]
    [InlineData(ChangeStatus.Completed)]
    [InlineData(ChangeStatus.Cancelled)]
    [InlineData(ChangeStatus.Rejected)]
    public async Task A_change_that_closes_stops_being_a_candidate_and_a_late_older_version_does_not_reopen_it(ChangeStatus closed)
    {
        await index.UpsertAsync(Summary("CHG-a", ChangeStatus.Submitted, 2), default);
        await index.UpsertAsync(Summary("CHG-a", ChangeStatus.Approved, 3), default);
        Assert.Equal(["CHG-a"], await OverlappingAsync());

        await index.UpsertAsync(Summary("CHG-a", closed, 4), default);
        Assert.Empty(await OverlappingAsync());
        Assert.Single(await OpenKeysAsync()); // the closing write removed the lower versions

        await index.UpsertAsync(Summary("CHG-a", ChangeStatus.Approved, 3), default); // a pending write finished again, late
        Assert.Empty(await OverlappingAsync());
    }

    [Fact]
    public async Task A_draft_edit_neither_marks_nor_lists_the_open_index_since_a_draft_was_never_open()
    {
        await index.UpsertAsync(Summary("CHG-draft", ChangeStatus.Draft, 1), default);
        store.PutKeys.Clear();

        await index.UpsertAsync(Summary("CHG-draft", ChangeStatus.Draft, 2), default);
        await index.UpsertAsync(Summary("CHG-draft", ChangeStatus.Draft, 3) with { DeletedAt = Now }, default);

        Assert.DoesNotContain(store.PutKeys, k => k.StartsWith(OpenChangeIndex.Prefix, StringComparison.Ordinal));
        Assert.DoesNotContain(store.ListPrefixes, p => p.StartsWith(OpenChangeIndex.Prefix, StringComparison.Ordinal));
        Assert.Empty(await OpenKeysAsync());
        Assert.Empty(await OverlappingAsync());
    }

    [Fact]
    public async Task A_rejected_change_edited_again_is_still_closed_by_a_marker_since_it_was_open()
    {
        await index.UpsertAsync(Summary("CHG-a", ChangeStatus.Submitted, 2), default);
        await index.UpsertAsync(Summary("CHG-a", ChangeStatus.Rejected, 3), default);
        store.PutKeys.Clear();

        await index.UpsertAsync(Summary("CHG-a", ChangeStatus.Rejected, 4), default);

        Assert.Contains(store.PutKeys, k => k.StartsWith(OpenChangeIndex.Prefix + "CHG-a.v4.closed-", StringComparison.Ordinal));
        await index.UpsertAsync(Summary("CHG-a", ChangeStatus.Submitted, 2), default); // a pending write finished again, late
        Assert.Empty(await OverlappingAsync());
    }

    [Fact]
    public async Task Compaction_removes_stale_versions_at_once_and_closed_markers_older_than_a_day()
    {
        await index.UpsertAsync(Summary("CHG-open", ChangeStatus.Submitted, 2), default);
        await index.UpsertAsync(Summary("CHG-open", ChangeStatus.Approved, 3), default);
        await index.UpsertAsync(Summary("CHG-closed", ChangeStatus.Submitted, 2), default);
        await index.UpsertAsync(Summary("CHG-closed", ChangeStatus.Completed, 3, Now), default);

        Assert.Equal(1, await index.Open.CompactAsync(Now.AddHours(23), default));
        Assert.Equal(2, (await OpenKeysAsync()).Count);

        Assert.Equal(1, await index.Open.CompactAsync(Now.AddHours(25), default));
        Assert.Equal(["index/open/CHG-open.v3.json"], await OpenKeysAsync());
        Assert.Equal(["CHG-open"], await OverlappingAsync());
    }

    [Fact]
    public async Task A_store_indexed_before_the_open_index_is_filled_from_the_whole_index_once()
    {
        foreach (var summary in new[] { Summary("CHG-open", ChangeStatus.Approved, 3), Summary("CHG-done", ChangeStatus.Completed, 4), Summary("CHG-draft", ChangeStatus.Draft, 1) })
            await store.PutAsync(ChangeIndexKeys.Entry(summary), System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(summary, ChangeJson.Options), WriteCondition.None, default);

        Assert.Equal(["CHG-open"], await OverlappingAsync());

        Assert.NotNull(await store.GetAsync(OpenChangeIndex.BuiltKey, default));
        Assert.Equal(["index/open/CHG-open.v3.json"], await OpenKeysAsync());
        store.GetKeys.Clear();
        Assert.Equal(["CHG-open"], await OverlappingAsync(new OverlapWarnings(new ObjectStoreChangeIndex(store)))); // another process
        Assert.DoesNotContain(store.GetKeys, k => k.StartsWith(ObjectStoreChangeIndex.Prefix, StringComparison.Ordinal));
    }
}
