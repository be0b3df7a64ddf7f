using ChangeMgmt.Core.Changes;
using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Tests.Changes;

/// <summary>Changes stored under older rules stay movable: only submitting checks the fields.</summary>
public abstract partial class ChangeServiceTests
{
    [Theory]
    [InlineData(ChangeAction.Complete)]
    [InlineData(ChangeAction.Cancel)]
    public async Task An_approved_change_stored_with_a_legacy_zone_can_still_be_completed_or_cancelled(ChangeAction action)
    {
        var draft = await Service.CreateAsync(Complete(), "alice", None);
        await Service.ApplyAsync(draft.ChangeId, ChangeAction.Submit, "alice", 1, None);
        var approved = (await Service.ApplyAsync(draft.ChangeId, ChangeAction.Approve, "bob", 2, None)).Change;
        // As an earlier release stored it: "EST" was accepted then.
        var stored = await Store.GetAsync(StorageLayout.Archive(approved.ChangeId), None);
        await Store.PutAsync(stored!.Key, ChangeJson.Serialize(approved with { Timezone = "EST" }), WriteCondition.MustMatch(stored.ETag), None);

        var moved = await Service.ApplyAsync(approved.ChangeId, action, "carol", 3, EarlyCompletion, None);

        Assert.Equal(Lifecycle.Target(action), moved.Change.Status);
        Assert.Equal("EST", moved.Change.Timezone);
    }
}
