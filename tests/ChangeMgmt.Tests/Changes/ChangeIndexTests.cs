using ChangeMgmt.Core.Changes;
using ChangeMgmt.Core.Configuration;
using ChangeMgmt.Core.Ports;
using ChangeMgmt.Tests.Ports;

namespace ChangeMgmt.Tests.Changes;

/// <summary>Lists and searches come from the index objects, never from reading every change.</summary>
public sealed class ChangeIndexTests
{
    private readonly CountingStore store = new(new InMemoryObjectStore());
    private readonly ManualClock clock = new(new DateTimeOffset(2026, 10, 20, 9, 0, 0, TimeSpan.Zero));
    private readonly ChangeService service;

    public ChangeIndexTests()
    {
        var config = new ChangeMgmtConfig
        {
            CustomerMappings = new() { ["acme"] = new() { CustomerCode = "acme" }, ["globex"] = new() { CustomerCode = "globex" } },
        };
        service = new ChangeService(store, config, clock);
    }

    private async Task<Change> CreateAsync(string title, params string[] customers) =>
        await service.CreateAsync(new Change { ChangeTitle = title, Customers = [.. customers] }, "jane@msp.example", default);

    [Fact]
    public async Task Filters_by_status_customer_and_text_across_months_newest_first()
    {
        var october = await CreateAsync("Patch bastions", "acme");
        clock.Advance(TimeSpan.FromDays(20));
        var november = await CreateAsync("Rotate certificates", "acme", "globex");
        clock.Advance(TimeSpan.FromMinutes(1));
        var other = await CreateAsync("Resize volumes", "globex");

        var all = await service.ListAsync(new ChangeQuery(), null, default);
        Assert.Equal([other.ChangeId, november.ChangeId, october.ChangeId], all.Items.Select(s => s.ChangeId));
        Assert.Equal([november.ChangeId, october.ChangeId], (await service.ListAsync(new ChangeQuery(Customer: "acme"), null, default)).Items.Select(s => s.ChangeId));
        Assert.Equal([november.ChangeId], (await service.ListAsync(new ChangeQuery(Text: "CERTIF"), null, default)).Items.Select(s => s.ChangeId));
        Assert.Empty((await service.ListAsync(new ChangeQuery(Status: ChangeStatus.Approved), null, default)).Items);
    }

    [Fact]
    public async Task Pages_follow_the_token_to_the_end_without_repeats()
    {
        var ids = new List<string>();
        for (var i = 0; i < 7; i++)
        {
            ids.Add((await CreateAsync($"Change {i}", "acme")).ChangeId);
            clock.Advance(TimeSpan.FromDays(9));
        }

        var seen = new List<string>();
        string? token = null;
        do
        {
            var page = await service.ListAsync(new ChangeQuery(PageSize: 3), token, default);
            Assert.True(page.Items.Count <= 3);
            seen.AddRange(page.Items.Select(s => s.ChangeId));
            token = page.NextToken;
        } while (token is not null);

        Assert.Equal(Enumerable.Reverse(ids), seen);
    }

    [Fact]
    public async Task The_index_follows_every_write_and_a_query_reads_no_change_object()
    {
        var change = await CreateAsync("Rotate certificates", "acme");
        var cancelled = (await service.ApplyAsync(change.ChangeId, ChangeAction.Cancel, "jane@msp.example", 1, default)).Change;
        store.Reads.Clear();

        var found = Assert.Single((await service.ListAsync(new ChangeQuery(Status: ChangeStatus.Cancelled), null, default)).Items);

        Assert.Equal((cancelled.Version, ChangeStatus.Cancelled), (found.Version, found.Status));
        // Index objects only (and, on a reader's first read, the marker that the index needs no migration).
        Assert.All(store.Reads.Where(key => key != ChangeIndexMigration.DoneKey), key => Assert.StartsWith(ObjectStoreChangeIndex.Prefix, key));
    }

    [Fact]
    public async Task An_older_version_never_replaces_a_newer_one_and_reindex_rebuilds_from_the_archive()
    {
        var change = await CreateAsync("Rotate certificates", "acme");
        await service.ApplyAsync(change.ChangeId, ChangeAction.Cancel, "jane@msp.example", 1, default);
        var index = new ObjectStoreChangeIndex(store);
        await index.UpsertAsync(ChangeSummary.From(change), default);
        Assert.Equal(ChangeStatus.Cancelled, Assert.Single((await service.ListAsync(new ChangeQuery(), null, default)).Items).Status);

        foreach (var key in (await store.ListKeysAsync(ObjectStoreChangeIndex.Prefix, null, default)).Items)
            await store.DeleteAsync(key, default);
        Assert.Empty((await service.ListAsync(new ChangeQuery(), null, default)).Items);
        Assert.Equal(1, await service.ReindexAsync(default));
        Assert.Equal(2, Assert.Single((await service.ListAsync(new ChangeQuery(), null, default)).Items).Version);
    }

    [Fact]
    public async Task Every_write_adds_an_entry_of_its_own_and_compaction_folds_them_into_the_month_without_losing_one()
    {
        var changes = new List<Change>();
        for (var i = 0; i < 5; i++) changes.Add(await CreateAsync($"Change {i}", "acme"));
        await service.ApplyAsync(changes[0].ChangeId, ChangeAction.Cancel, "jane@msp.example", 1, default);
        var before = await service.ListAllAsync(new ChangeQuery(), default).ToListAsync();

        Assert.Equal(6, await IndexKeysAsync(k => !ChangeIndexKeys.IsMonth(k)));
        Assert.Equal(6, await service.CompactIndexAsync(default));

        Assert.Equal(0, await IndexKeysAsync(k => !ChangeIndexKeys.IsMonth(k)));
        Assert.Equal(["index/modified/2026-10.json"], (await store.ListKeysAsync(ObjectStoreChangeIndex.Prefix, null, default)).Items);
        Assert.Equal(before.Select(Shown), (await service.ListAllAsync(new ChangeQuery(), default).ToListAsync()).Select(Shown));
        Assert.Equal(ChangeStatus.Cancelled, before.Single(s => s.ChangeId == changes[0].ChangeId).Status);
    }

    [Fact]
    public async Task A_reader_compacts_a_month_with_many_entries_and_of_two_compactions_at_once_one_wins()
    {
        var index = new ObjectStoreChangeIndex(store) { CompactAfter = 3 };
        for (var i = 0; i < 3; i++) await CreateAsync($"Change {i}", "acme");
        Assert.Equal(3, (await index.ReadAllAsync(default)).Count);
        Assert.Equal(0, await IndexKeysAsync(k => !ChangeIndexKeys.IsMonth(k)));

        for (var i = 3; i < 6; i++) await CreateAsync($"Change {i}", "acme");
        var folded = await Task.WhenAll(new ObjectStoreChangeIndex(store).CompactAsync(default), new ObjectStoreChangeIndex(store).CompactAsync(default));

        Assert.Contains(3, folded);
        Assert.Equal(6, (await service.ListAllAsync(new ChangeQuery(), default).ToListAsync()).Count);
    }

    [Fact]
    public async Task An_entry_of_an_older_version_written_late_never_hides_the_newer_one()
    {
        var change = await CreateAsync("Rotate certificates", "acme");
        await service.ApplyAsync(change.ChangeId, ChangeAction.Cancel, "jane@msp.example", 1, default);
        await service.CompactIndexAsync(default);
        await new ObjectStoreChangeIndex(store).UpsertAsync(ChangeSummary.From(change), default);

        Assert.Equal(ChangeStatus.Cancelled, Assert.Single((await service.ListAsync(new ChangeQuery(), null, default)).Items).Status);
    }

    [Fact]
    public async Task A_summary_carries_the_changes_zone_and_an_entry_written_before_it_did_still_reads()
    {
        var zoned = await service.CreateAsync(new Change { ChangeTitle = "Zoned", Customers = ["acme"], Timezone = "America/New_York" }, "jane@msp.example", default);
        var old = await service.CreateAsync(new Change { ChangeTitle = "Written by an earlier release", Customers = ["acme"], Timezone = "Europe/Berlin" }, "jane@msp.example", default);
        var entry = ChangeIndexKeys.Entry(ChangeSummary.From(old));
        var json = System.Text.Json.Nodes.JsonNode.Parse((await store.GetAsync(entry, default))!.Content)!.AsObject();
        Assert.True(json.Remove("timezone"), "the entry held the zone before an earlier release's shape was restored");
        await store.PutAsync(entry, System.Text.Encoding.UTF8.GetBytes(json.ToJsonString()), WriteCondition.None, default);

        var items = (await service.ListAsync(new ChangeQuery(), null, default)).Items;

        Assert.Equal("America/New_York", items.Single(s => s.ChangeId == zoned.ChangeId).Timezone);
        Assert.Null(items.Single(s => s.ChangeId == old.ChangeId).Timezone);
        Assert.Equal("Written by an earlier release", items.Single(s => s.ChangeId == old.ChangeId).ChangeTitle);
    }

    private static string Shown(ChangeSummary s) => $"{s.ChangeId} {s.ChangeTitle} {s.Status} v{s.Version} {string.Join(",", s.Customers)}";

    private async Task<int> IndexKeysAsync(Func<string, bool> which) =>
        (await store.ListKeysAsync(ObjectStoreChangeIndex.Prefix, null, default)).Items.Count(which);

    [Fact]
    public async Task A_forged_page_token_is_a_validation_error()
    {
        var error = await Assert.ThrowsAsync<ChangeValidationException>(() => service.ListAsync(new ChangeQuery(), "archive/x|0", default));
        Assert.Equal("pageToken", Assert.Single(error.Errors).Field);
    }

    /// <summary>Records which keys were read, to show what a query touches.</summary>
    private sealed class CountingStore(IObjectStore inner) : IObjectStore
    {
        public List<string> Reads { get; } = [];
        public Task<StoredObject?> GetAsync(string key, CancellationToken ct) { lock (Reads) Reads.Add(key); return inner.GetAsync(key, ct); }
        public Task<string> PutAsync(string key, byte[] content, WriteCondition condition, CancellationToken ct) => inner.PutAsync(key, content, condition, ct);
        public Task DeleteAsync(string key, CancellationToken ct) => inner.DeleteAsync(key, ct);
        public Task<Page<string>> ListKeysAsync(string prefix, string? token, CancellationToken ct) => inner.ListKeysAsync(prefix, token, ct);
    }
}
