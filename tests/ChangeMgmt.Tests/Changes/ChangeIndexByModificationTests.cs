using System.Text.Json;
using ChangeMgmt.Core.Changes;
using ChangeMgmt.Core.Configuration;
using ChangeMgmt.Core.Ports;
using ChangeMgmt.Tests.Ports;

namespace ChangeMgmt.Tests.Changes;

/// <summary>
/// The index by month of last modification: the default list reads the newest months only, an edit moves a change to
/// the top without its older version ever showing again, and a store indexed by month of creation is moved by the sweep.
/// </summary>
public sealed class ChangeIndexByModificationTests
{
    private readonly InterceptingObjectStore store = new(new InMemoryObjectStore());
    private readonly ManualClock clock = new(new DateTimeOffset(2026, 1, 10, 9, 0, 0, TimeSpan.Zero));
    private readonly ChangeService service;

    public ChangeIndexByModificationTests() =>
        service = new ChangeService(store, new ChangeMgmtConfig { CustomerMappings = new() { ["acme"] = new() { CustomerCode = "acme" } } }, clock);

    /// <summary>One change a month, oldest first, the index compacted.</summary>
    private async Task<List<string>> MonthlyChangesAsync(int months)
    {
        var ids = new List<string>();
        for (var i = 0; i < months; i++)
        {
            ids.Add((await service.CreateAsync(new Change { ChangeTitle = $"Change {i}", Customers = ["acme"] }, "jane@msp.example", default)).ChangeId);
            clock.Advance(TimeSpan.FromDays(31));
        }
        await service.CompactIndexAsync(default);
        return ids;
    }

    private Task<ChangeWriteResult> CancelAsync(string id, int version) => service.ApplyAsync(id, ChangeAction.Cancel, "jane@msp.example", version, default);

    private async Task<List<string>> AllPagesAsync(ChangeQuery query, Func<Task>? betweenPages = null)
    {
        var seen = new List<string>();
        string? token = null;
        do
        {
            var page = await service.ListAsync(query, token, default);
            seen.AddRange(page.Items.Select(s => s.ChangeId));
            token = page.NextToken;
            if (betweenPages is not null) await betweenPages();
        } while (token is not null);
        return seen;
    }

    [Fact]
    public async Task The_default_first_page_reads_only_the_newest_months_it_needs()
    {
        var ids = await MonthlyChangesAsync(12);
        await service.ListAsync(new ChangeQuery(PageSize: 1), null, default); // a reader checks once that the index needs no migration
        store.GetKeys.Clear();

        var page = await service.ListAsync(new ChangeQuery(PageSize: 2), null, default);

        Assert.Equal([ids[11], ids[10]], page.Items.Select(s => s.ChangeId));
        Assert.NotNull(page.NextToken);
        // Two for the page and a third to know there is a next page: three month objects of twelve.
        Assert.Equal(["index/modified/2026-12.json", "index/modified/2026-11.json", "index/modified/2026-10.json"], store.GetKeys);
    }

    [Fact]
    public async Task Another_order_reads_every_month()
    {
        await MonthlyChangesAsync(12);
        store.GetKeys.Clear();

        await service.ListAsync(new ChangeQuery(PageSize: 2, Sort: new(ChangeSortField.ChangeTitle, false)), null, default);

        Assert.Equal(12, store.GetKeys.Count(ChangeIndexKeys.IsMonth));
    }

    [Fact]
    public async Task An_edited_old_change_moves_to_the_top_and_is_listed_once()
    {
        var ids = await MonthlyChangesAsync(6);
        await CancelAsync(ids[0], 1);

        var first = (await service.ListAsync(new ChangeQuery(PageSize: 1), null, default)).Items.Single();

        Assert.Equal((ids[0], ChangeStatus.Cancelled), (first.ChangeId, first.Status));
        Assert.Equal([ids[0], ids[5], ids[4], ids[3], ids[2], ids[1]], await AllPagesAsync(new ChangeQuery(PageSize: 2)));
        Assert.Single(await service.ListAllAsync(new ChangeQuery(), default).Where(s => s.ChangeId == ids[0]).ToListAsync());
    }

    [Fact]
    public async Task A_filter_never_shows_the_older_version_an_edit_left_in_an_older_month()
    {
        var ids = await MonthlyChangesAsync(3);
        await CancelAsync(ids[0], 1);
        await service.CompactIndexAsync(default);

        Assert.Equal([ids[2], ids[1]], await AllPagesAsync(new ChangeQuery(Status: ChangeStatus.Draft, PageSize: 1)));
        Assert.Equal([ids[0]], await AllPagesAsync(new ChangeQuery(Status: ChangeStatus.Cancelled)));
        Assert.DoesNotContain(ids[0], await service.ListAllAsync(new ChangeQuery(Status: ChangeStatus.Draft), default).Select(s => s.ChangeId).ToListAsync());
    }

    [Fact]
    public async Task Pages_continue_across_months_and_a_change_edited_between_pages_never_comes_back()
    {
        var ids = await MonthlyChangesAsync(6);
        var edited = false;

        var seen = await AllPagesAsync(new ChangeQuery(PageSize: 2), async () =>
        {
            if (edited) return;
            edited = true;
            await CancelAsync(ids[0], 1);
        });

        Assert.Equal([ids[5], ids[4], ids[3], ids[2], ids[1]], seen);
    }

    [Fact]
    public async Task The_migration_is_checked_once_per_process_by_reads_and_sweeps_alike()
    {
        await service.ListAsync(new ChangeQuery(), null, default);
        await service.CompactIndexAsync(default);
        await service.CompactIndexAsync(default);

        Assert.Single(store.GetKeys, ChangeIndexMigration.DoneKey);
    }

    [Fact]
    public async Task A_store_indexed_by_month_of_creation_is_moved_before_the_first_read_once()
    {
        var ids = await MonthlyChangesAsync(3);
        var cancelled = (await CancelAsync(ids[0], 1)).Change;
        await OldStoreAsync(ids[0]);

        // A server started on the old store: its first list moves the index, no sweep needed.
        var started = new ChangeService(store, new ChangeMgmtConfig { CustomerMappings = new() { ["acme"] = new() { CustomerCode = "acme" } } }, clock);
        var items = (await started.ListAsync(new ChangeQuery(), null, default)).Items;
        Assert.Equal([ids[0], ids[2], ids[1]], items.Select(s => s.ChangeId));
        Assert.Equal((ChangeStatus.Cancelled, cancelled.Version), (items[0].Status, items[0].Version));
        Assert.Contains(ChangeIndexKeys.Month(ChangeIndexKeys.MonthOf(cancelled.ModifiedAt!.Value)), await store.ListAllKeysAsync(ObjectStoreChangeIndex.Prefix, default).ToListAsync());
        store.GetKeys.Clear();
        await service.CompactIndexAsync(default);
        await new ChangeService(store, new ChangeMgmtConfig(), clock).ListAsync(new ChangeQuery(), null, default);
        Assert.DoesNotContain(store.GetKeys, k => k.StartsWith(ChangeIndexMigration.LegacyPrefix, StringComparison.Ordinal));
    }

    /// <summary>
    /// Turns the store into one written before release 25: the index by month of creation, the months compacted but for
    /// the newest version of <paramref name="entryOf"/>, left as an entry; no index by month of modification.
    /// </summary>
    private async Task OldStoreAsync(string entryOf)
    {
        var summaries = await new ObjectStoreChangeIndex(store).ReadAllAsync(default);
        foreach (var key in await store.ListAllKeysAsync(StorageLayout.IndexPrefix, default).ToListAsync())
            await store.DeleteAsync(key, default);
        var entry = summaries.Single(s => s.ChangeId == entryOf);
        foreach (var month in summaries.GroupBy(s => ChangeIndexKeys.MonthOf(s.CreatedAt!.Value)))
            await PutAsync($"{ChangeIndexMigration.LegacyPrefix}{month.Key}.json", month.Select(s => s == entry ? s with { Version = 1, Status = ChangeStatus.Draft } : s).ToList());
        await PutAsync($"{ChangeIndexMigration.LegacyPrefix}{ChangeIndexKeys.MonthOf(entry.CreatedAt!.Value)}/{entry.ChangeId}.v{entry.Version}.json", entry);
    }

    private Task PutAsync<T>(string key, T value) =>
        store.PutAsync(key, JsonSerializer.SerializeToUtf8Bytes(value, ChangeJson.Options), WriteCondition.None, default);
}
