using System.Text;
using ChangeMgmt.Core.Changes;
using ChangeMgmt.Core.Freezes;
using ChangeMgmt.Tests.Announcements;
using ChangeMgmt.Tests.Ports;
using static ChangeMgmt.Tests.Freezes.Freezes;

namespace ChangeMgmt.Tests.Freezes;

/// <summary>Freezes on a real (in-memory) bucket: keys, versions, conflicts, soft removal.</summary>
public sealed class FreezeServiceTests
{
    private const string Jane = "jane@msp.example";
    private const string Omar = "omar@msp.example";

    private readonly InMemoryObjectStore store = new();
    private readonly ManualClock clock = new(Utc(2026, 12, 1, 9));
    private readonly FreezeService service;

    public FreezeServiceTests() => service = new(store, AnnouncementServiceTests.Config, clock);

    private static ChangeFreeze YearEnd(params string[] customers) => Timed(Utc(2026, 12, 24, 18), Utc(2026, 12, 27, 8), "US/Eastern", customers: customers);

    [Fact]
    public async Task Add_stores_version_1_under_freezes_with_a_new_id_and_the_canonical_zone()
    {
        var added = await service.AddAsync(YearEnd("acme"), Jane, default);

        Assert.Matches("^FRZ-20261201-[0-9A-Z]{6}$", added.FreezeId);
        Assert.Equal((1, Jane, Utc(2026, 12, 1, 9), "America/New_York"), (added.Version, added.CreatedBy, added.CreatedAt!.Value, added.Timezone));
        Assert.Equal([$"freezes/{added.FreezeId}.json"], store.Keys);
        Assert.Equal(FreezeJson.Serialize(added), FreezeJson.Serialize(await service.GetAsync(added.FreezeId, default)));
    }

    [Fact]
    public async Task The_stored_JSON_uses_the_change_field_names()
    {
        var added = await service.AddAsync(AllDay(new(2026, 12, 24), new(2026, 12, 26), "Pacific/Auckland", "FREQ=YEARLY"), Jane, default);

        var json = Encoding.UTF8.GetString((await store.GetAsync(FreezeKeys.Current(added.FreezeId), default))!.Content);
        Assert.Contains("\"freezeId\": \"FRZ-", json);
        Assert.Contains("\"startDate\": \"2026-12-24\"", json);
        Assert.Contains("\"recurrence\": \"FREQ=YEARLY\"", json);
        Assert.DoesNotContain("\"start\":", json);
    }

    [Fact]
    public async Task An_invalid_freeze_is_refused_with_its_field_errors_and_not_stored()
    {
        var error = await Assert.ThrowsAsync<ChangeValidationException>(() => service.AddAsync(YearEnd("hooli") with { Recurrence = "FREQ=OFTEN" }, Jane, default));

        Assert.Equal(["customers", "recurrence"], error.Errors.Select(e => e.Field));
        Assert.StartsWith("The freeze is not valid", error.Message);
        Assert.Empty(store.Keys);
    }

    [Fact]
    public async Task Update_writes_version_2_and_keeps_version_1_under_freezes_versions()
    {
        var added = await service.AddAsync(YearEnd("acme"), Jane, default);
        clock.Advance(TimeSpan.FromHours(1));

        var updated = await service.UpdateAsync(added.FreezeId, YearEnd("acme", "globex") with { Name = "Holiday freeze" }, 1, Omar, default);

        Assert.Equal((2, Jane, Omar, Utc(2026, 12, 1, 10)), (updated.Version, updated.CreatedBy, updated.ModifiedBy, updated.ModifiedAt!.Value));
        Assert.Contains($"freezes-versions/{added.FreezeId}/v1.json", store.Keys);
        Assert.Equal([("Year-end freeze", 1), ("Holiday freeze", 2)], (await service.GetVersionsAsync(added.FreezeId, default)).Select(f => (f.Name, f.Version)));
    }

    [Fact]
    public async Task A_stale_version_is_the_changes_version_conflict_and_writes_nothing()
    {
        var added = await service.AddAsync(YearEnd("acme"), Jane, default);
        await service.UpdateAsync(added.FreezeId, YearEnd("acme"), 1, Omar, default);
        var keys = store.Keys;

        var conflict = await Assert.ThrowsAsync<ChangeVersionConflictException>(() => service.UpdateAsync(added.FreezeId, YearEnd("globex"), 1, Jane, default));

        Assert.Equal((1, 2), (conflict.ExpectedVersion, conflict.CurrentVersion));
        Assert.Equal(keys, store.Keys);
        Assert.Equal(["acme"], (await service.GetAsync(added.FreezeId, default)).Customers);
    }

    [Fact]
    public async Task A_write_racing_another_loses_on_the_ETag()
    {
        var added = await service.AddAsync(YearEnd("acme"), Jane, default);
        var repository = new FreezeRepository(store);
        var read = (await repository.FindAsync(added.FreezeId, default))!;
        await repository.ReplaceAsync(read, read.Freeze with { Version = 2, Name = "First" }, default);

        var conflict = await Assert.ThrowsAsync<ChangeVersionConflictException>(() => repository.ReplaceAsync(read, read.Freeze with { Version = 2, Name = "Second" }, default));

        Assert.Equal(2, conflict.CurrentVersion);
        Assert.Equal("First", (await service.GetAsync(added.FreezeId, default)).Name);
    }

    [Fact]
    public async Task Remove_keeps_the_freeze_marked_deleted_and_it_no_longer_lists_reads_or_holds()
    {
        var kept = await service.AddAsync(YearEnd(), Jane, default);
        var removed = await service.AddAsync(YearEnd("acme"), Jane, default);

        var gone = await service.RemoveAsync(removed.FreezeId, 1, Omar, default);

        Assert.Equal((2, Omar, Utc(2026, 12, 1, 9)), (gone.Version, gone.DeletedBy, gone.DeletedAt!.Value));
        Assert.NotNull(await store.GetAsync(FreezeKeys.Current(removed.FreezeId), default));
        await Assert.ThrowsAsync<FreezeNotFoundException>(() => service.GetAsync(removed.FreezeId, default));
        await Assert.ThrowsAsync<FreezeNotFoundException>(() => service.RemoveAsync(removed.FreezeId, 2, Omar, default));
        Assert.Equal([kept.FreezeId], (await service.ListAsync(includeRemoved: false, default)).Select(f => f.FreezeId));
        Assert.Equal(2, (await service.ListAsync(includeRemoved: true, default)).Count);
        Assert.Equal([kept.FreezeId], (await service.OverlappingAsync(Utc(2026, 12, 25), Utc(2026, 12, 25, 1), ["acme"], default)).Select(o => o.Freeze.FreezeId));
    }

    [Theory]
    [InlineData("FRZ-20261201-NOSUCH")]
    [InlineData("../archive/CHG-1")]
    public async Task An_unknown_or_malformed_id_is_not_found(string id)
    {
        await Assert.ThrowsAsync<FreezeNotFoundException>(() => service.GetAsync(id, default));
        await Assert.ThrowsAsync<FreezeNotFoundException>(() => service.GetVersionsAsync(id, default));
    }
}
