using ChangeMgmt.Core.Changes;
using ChangeMgmt.Core.Freezes;

namespace ChangeMgmt.Tests.Changes;

/// <summary>Freezes at submit and approve: refused naming the freeze, unless an emergency with a reason.</summary>
public abstract partial class ChangeServiceTests
{
    private static readonly ChangeActionRequest EmergencyRequest = new() { Emergency = true, Reason = "Certificate expired <today>." };

    /// <summary>The service with freezes, and a freeze over the window of <see cref="Complete"/> (4 Dec 03:00–04:30 UTC).</summary>
    private async Task<(ChangeService Service, ChangeFreeze Freeze)> FrozenAsync(params string[] customers)
    {
        var freezes = new FreezeService(Store, Config, Clock);
        var freeze = await freezes.AddAsync(new ChangeFreeze
        {
            Name = "Payroll run", Reason = "Payroll systems must stay untouched.", Customers = [.. customers],
            Start = new(2026, 12, 4, 0, 0, 0, TimeSpan.Zero), End = new(2026, 12, 4, 4, 0, 0, TimeSpan.Zero), Timezone = "UTC",
        }, "admin", NoCancel);
        return (new ChangeService(Store, Config, Clock) { Freezes = freezes }, freeze);
    }

    [Fact]
    public async Task Submitting_into_a_freeze_of_one_of_its_customers_is_refused_naming_the_freeze()
    {
        var (service, freeze) = await FrozenAsync("globex");
        var draft = await service.CreateAsync(Complete(), "alice", NoCancel);

        var refused = await Assert.ThrowsAsync<ChangeFrozenException>(() => service.ApplyAsync(draft.ChangeId, ChangeAction.Submit, "alice", 1, NoCancel));

        var overlap = Assert.Single(refused.Freezes);
        Assert.Equal((freeze.FreezeId, new DateTimeOffset(2026, 12, 4, 0, 0, 0, TimeSpan.Zero)), (overlap.Freeze.FreezeId, overlap.Occurrence.Start));
        Assert.Equal(["globex"], refused.CustomersHeld(overlap.Freeze));
        Assert.Contains($"freeze 'Payroll run' ({freeze.FreezeId}, 2026-12-04 00:00–2026-12-04 04:00 UTC, globex): Payroll systems must stay untouched.", refused.Message);
        Assert.Equal((ChangeStatus.Draft, 1), ((await service.GetAsync(draft.ChangeId, NoCancel)).Change.Status, (await service.GetAsync(draft.ChangeId, NoCancel)).Change.Version));
    }

    [Fact]
    public async Task A_freeze_of_another_customer_does_not_hold_the_change_and_a_global_one_does()
    {
        var (service, _) = await FrozenAsync("initech");
        var draft = await service.CreateAsync(Complete(), "alice", NoCancel);
        Assert.Equal(ChangeStatus.Submitted, (await service.ApplyAsync(draft.ChangeId, ChangeAction.Submit, "alice", 1, NoCancel)).Change.Status);

        var (global, freeze) = await FrozenAsync();
        var other = await global.CreateAsync(Complete(), "alice", NoCancel);
        var refused = await Assert.ThrowsAsync<ChangeFrozenException>(() => global.ApplyAsync(other.ChangeId, ChangeAction.Submit, "alice", 1, NoCancel));
        Assert.Contains(refused.Freezes, o => o.Freeze.FreezeId == freeze.FreezeId);
        Assert.Contains("all customers", refused.Message);
    }

    [Fact]
    public async Task Approving_into_a_freeze_added_after_the_submit_is_refused()
    {
        var draft = await Service.CreateAsync(Complete(), "alice", NoCancel);
        await Service.ApplyAsync(draft.ChangeId, ChangeAction.Submit, "alice", 1, NoCancel);
        var (service, freeze) = await FrozenAsync("acme");

        var refused = await Assert.ThrowsAsync<ChangeFrozenException>(() => service.ApplyAsync(draft.ChangeId, ChangeAction.Approve, "bob", 2, NoCancel));

        Assert.Equal(freeze.FreezeId, Assert.Single(refused.Freezes).Freeze.FreezeId);
        Assert.Equal(ChangeStatus.Submitted, (await service.GetAsync(draft.ChangeId, NoCancel)).Change.Status);
    }

    [Fact]
    public async Task An_emergency_with_a_reason_overrides_the_freeze_and_is_recorded_on_the_change_and_its_modification()
    {
        var (service, freeze) = await FrozenAsync("acme");
        var draft = await service.CreateAsync(Complete(), "alice", NoCancel);

        var submitted = (await service.ApplyAsync(draft.ChangeId, ChangeAction.Submit, "alice", 1, EmergencyRequest, NoCancel)).Change;
        var approved = (await service.ApplyAsync(draft.ChangeId, ChangeAction.Approve, "bob", 2, EmergencyRequest with { Reason = "Confirmed by the CAB chair." }, NoCancel)).Change;

        Assert.Equal((ChangeRules.Emergency, "Certificate expired <today>."), (Assert.Single(submitted.Modifications[^1].Overrides!), submitted.Modifications[^1].Reason));
        Assert.Equal(new OverriddenFreeze(freeze.FreezeId, "Payroll run"), Assert.Single(submitted.Emergency!.Freezes));
        Assert.Equal(("Confirmed by the CAB chair.", "bob", ChangeStatus.Approved), (approved.Emergency!.Reason, approved.Emergency.By, approved.Status));
        Assert.Equal([ChangeRules.Emergency], approved.Modifications[^1].Overrides!);
        Assert.Equal("Confirmed by the CAB chair.", (await service.GetAsync(draft.ChangeId, NoCancel)).Change.Emergency!.Reason);
    }

    [Fact]
    public async Task An_emergency_without_a_reason_is_a_validation_error_naming_reason()
    {
        var (service, _) = await FrozenAsync("acme");
        var draft = await service.CreateAsync(Complete(), "alice", NoCancel);

        var invalid = await Assert.ThrowsAsync<ChangeValidationException>(() =>
            service.ApplyAsync(draft.ChangeId, ChangeAction.Submit, "alice", 1, new ChangeActionRequest { Emergency = true, Reason = " " }, NoCancel));

        Assert.Equal("reason", Assert.Single(invalid.Errors).Field);
    }

    [Fact]
    public async Task A_change_without_a_window_is_not_checked_against_freezes()
    {
        var (service, _) = await FrozenAsync();
        var draft = await service.CreateAsync(Complete() with { ImplementationStart = null, ImplementationEnd = null }, "alice", NoCancel);

        var invalid = await Assert.ThrowsAsync<ChangeValidationException>(() => service.ApplyAsync(draft.ChangeId, ChangeAction.Submit, "alice", 1, NoCancel));

        Assert.Contains(invalid.Errors, e => e.Field == "implementationStart");
    }

    [Fact]
    public async Task A_submit_without_emergency_clears_an_earlier_emergency_mark()
    {
        var (service, _) = await FrozenAsync("acme");
        var draft = await service.CreateAsync(Complete(), "alice", NoCancel);
        await service.ApplyAsync(draft.ChangeId, ChangeAction.Submit, "alice", 1, EmergencyRequest, NoCancel);
        await service.ApplyAsync(draft.ChangeId, ChangeAction.Reject, "bob", 2, new ChangeActionRequest { Comment = "Move it out of payroll." }, NoCancel);
        var moved = Complete() with { ImplementationStart = new DateTimeOffset(2026, 12, 5, 3, 0, 0, TimeSpan.Zero), ImplementationEnd = new DateTimeOffset(2026, 12, 5, 4, 0, 0, TimeSpan.Zero) };
        await service.UpdateAsync(draft.ChangeId, 3, moved, "alice", NoCancel);

        var resubmitted = (await service.ApplyAsync(draft.ChangeId, ChangeAction.Submit, "alice", 4, NoCancel)).Change;

        Assert.Null(resubmitted.Emergency);
        Assert.Null(resubmitted.Modifications[^1].Overrides);
    }
}
