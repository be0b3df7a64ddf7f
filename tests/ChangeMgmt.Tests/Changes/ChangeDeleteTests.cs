using ChangeMgmt.Core.Changes;
using ChangeMgmt.Core.Configuration;
using ChangeMgmt.Tests.Ports;

namespace ChangeMgmt.Tests.Changes;

public sealed class ChangeDeleteTests
{
    private readonly InMemoryObjectStore store = new();
    private readonly ChangeService service;

    public ChangeDeleteTests() =>
        service = new ChangeService(store, new ChangeMgmtConfig { CustomerMappings = new() { ["acme"] = new() { CustomerCode = "acme" } } }, new ManualClock());

    [Fact]
    public async Task A_deleted_draft_is_kept_but_leaves_reads_and_lists()
    {
        var draft = await service.CreateAsync(new Change { ChangeTitle = "Typo", Customers = ["acme"] }, "jane", default);

        await service.DeleteAsync(draft.ChangeId, "jane", 1, default);

        var error = await Assert.ThrowsAsync<ChangeDeletedException>(() => service.GetAsync(draft.ChangeId, default));
        Assert.Contains("jane", error.Message);
        Assert.Empty((await service.ListAsync(new ChangeQuery(), null, default)).Items);
        var kept = ChangeJson.Deserialize((await store.GetAsync(StorageLayout.Draft(draft.ChangeId), default))!.Content, "draft");
        Assert.Equal((2, "deleted", "jane"), (kept.Version, kept.Modifications[^1].ModificationType, kept.DeletedBy));
        Assert.NotNull(await store.GetAsync(StorageLayout.Version(draft.ChangeId, 1), default));
        await Assert.ThrowsAsync<ChangeDeletedException>(() => service.ApplyAsync(draft.ChangeId, ChangeAction.Cancel, "jane", null, default));
    }

    [Fact]
    public async Task Only_drafts_are_deleted_and_a_stale_version_conflicts()
    {
        var draft = await service.CreateAsync(new Change { ChangeTitle = "Patch", Customers = ["acme"] }, "jane", default);
        await Assert.ThrowsAsync<ChangeVersionConflictException>(() => service.DeleteAsync(draft.ChangeId, "jane", 7, default));

        await service.ApplyAsync(draft.ChangeId, ChangeAction.Cancel, "jane", 1, default);
        var refused = await Assert.ThrowsAsync<InvalidTransitionException>(() => service.DeleteAsync(draft.ChangeId, "jane", null, default));
        Assert.Contains("cancel it instead", refused.Message);
    }
}
