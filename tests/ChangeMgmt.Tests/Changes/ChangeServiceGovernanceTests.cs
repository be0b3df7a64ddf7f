using ChangeMgmt.Core.Changes;
using ChangeMgmt.Core.Configuration;

namespace ChangeMgmt.Tests.Changes;

/// <summary>The governance rules, in Core: what the server and the cmdlets both get.</summary>
public abstract partial class ChangeServiceTests
{
    private static readonly CancellationToken NoCancel = CancellationToken.None;

    private async Task<Change> ApprovedAsync(string author = "alice", string approver = "bob")
    {
        var draft = await Service.CreateAsync(Complete(), author, NoCancel);
        await Service.ApplyAsync(draft.ChangeId, ChangeAction.Submit, author, 1, NoCancel);
        return (await Service.ApplyAsync(draft.ChangeId, ChangeAction.Approve, approver, 2, NoCancel)).Change;
    }

    [Fact]
    public async Task An_approver_cannot_approve_their_own_change_unless_the_policy_allows_it_or_they_override_it_with_a_reason()
    {
        var draft = await Service.CreateAsync(Complete(), "alice", NoCancel);
        await Service.ApplyAsync(draft.ChangeId, ChangeAction.Submit, "alice", 1, NoCancel);

        var refused = await Assert.ThrowsAsync<SelfApprovalNotAllowedException>(() =>
            Service.ApplyAsync(draft.ChangeId, ChangeAction.Approve, "alice", 2, NoCancel));
        Assert.Equal("Approving a change you created or last modified is not allowed: another approver must approve it.", refused.Message);
        var noReason = await Assert.ThrowsAsync<ChangeValidationException>(() =>
            Service.ApplyAsync(draft.ChangeId, ChangeAction.Approve, "alice", 2, new ChangeActionRequest { OverrideSelfApproval = true }, NoCancel));
        Assert.Equal("reason", Assert.Single(noReason.Errors).Field);
        Assert.Equal(2, (await Service.GetAsync(draft.ChangeId, NoCancel)).Change.Version);

        var approved = (await Service.ApplyAsync(draft.ChangeId, ChangeAction.Approve, "alice", 2,
            new ChangeActionRequest { OverrideSelfApproval = true, Reason = "On call alone tonight." }, NoCancel)).Change;

        var entry = approved.Modifications[^1];
        Assert.Equal(("approved", "On call alone tonight."), (entry.ModificationType, entry.Reason));
        Assert.Equal([ChangeRules.SelfApproval], entry.Overrides!);
        var allowed = new ChangeService(Store, Config with { Auth = new AuthConfig { AllowSelfApproval = true } }, Clock);
        var other = await allowed.CreateAsync(Complete(), "carol", NoCancel);
        await allowed.ApplyAsync(other.ChangeId, ChangeAction.Submit, "carol", 1, NoCancel);
        Assert.Null((await allowed.ApplyAsync(other.ChangeId, ChangeAction.Approve, "carol", 2, NoCancel)).Change.Modifications[^1].Overrides);
    }

    [Fact]
    public async Task A_rejection_needs_a_comment_sends_nothing_and_the_author_edits_and_resubmits()
    {
        var draft = await Service.CreateAsync(Complete(), "alice", NoCancel);
        await Service.ApplyAsync(draft.ChangeId, ChangeAction.Submit, "alice", 1, NoCancel);
        Assert.Equal("comment", Assert.Single((await Assert.ThrowsAsync<ChangeValidationException>(() =>
            Service.ApplyAsync(draft.ChangeId, ChangeAction.Reject, "bob", 2, NoCancel))).Errors).Field);

        var rejected = await Service.ApplyAsync(draft.ChangeId, ChangeAction.Reject, "bob", 2, new ChangeActionRequest { Comment = "Add a rollback test." }, NoCancel);
        var edited = await Service.UpdateAsync(draft.ChangeId, 3, Complete() with { TestPlan = "Rollback rehearsed." }, "alice", NoCancel);
        var resubmitted = await Service.ApplyAsync(draft.ChangeId, ChangeAction.Submit, "alice", 4, NoCancel);

        Assert.Equal((ChangeStatus.Rejected, "Add a rollback test."), (rejected.Change.Status, rejected.Change.Modifications[^1].Comment));
        Assert.Empty(rejected.Triggers);
        Assert.Equal(ChangeStatus.Rejected, edited.Change.Status);
        Assert.Equal(ChangeStatus.Submitted, resubmitted.Change.Status);
        Assert.Equal(5, (await ReadObjectAsync(StorageLayout.CustomerTrigger("acme", draft.ChangeId)))!.Version);
    }

    [Fact]
    public void The_material_fields_are_the_window_customers_plans_and_impact_and_compare_by_meaning()
    {
        var change = Complete();
        Assert.Equal(["implementationStart", "implementationEnd", "customers", "implementationPlan", "rollbackPlan", "customerImpact"], MaterialFields.Names);
        Assert.Empty(MaterialFields.Changed(change, change with
        {
            ChangeTitle = "Typo fixed", ChangeReason = "Other words", TestPlan = "More checks", SnowTicket = "CHG1",
            ImplementationStart = change.ImplementationStart!.Value.ToOffset(TimeSpan.Zero),
            Customers = ["globex", "acme"],
            ImplementationPlan = " Import, switch, verify.\r\n",
        }));
        Assert.Equal(["implementationEnd", "customers", "rollbackPlan"],
            MaterialFields.Changed(change, change with { ImplementationEnd = change.ImplementationEnd!.Value.AddMinutes(30), Customers = ["acme"], RollbackPlan = "Restore." }));
    }

    [Fact]
    public async Task A_material_edit_of_an_approved_change_returns_it_to_submitted_and_a_removed_customer_gets_its_trigger_once()
    {
        var approved = await ApprovedAsync();
        var typo = (await Service.UpdateAsync(approved.ChangeId, 3, Complete() with { ChangeTitle = "Rotate TLS certificates" }, "bob", NoCancel)).Change;
        Assert.Equal(ChangeStatus.Approved, typo.Status);
        Assert.Equal(3, typo.PreviousAnnouncement!.Version);

        var check = await Service.CheckEditAsync(approved.ChangeId, Complete() with { Customers = ["acme", "initech"] }, "bob", NoCancel);
        Assert.Equal((ChangeStatus.Submitted, true), (check.ResultingStatus, check.Reapproval));
        Assert.Equal(["acme", "initech", "globex"], check.CustomersTold);
        Assert.Equal(4, (await Service.GetAsync(approved.ChangeId, NoCancel)).Change.Version);

        var moved = await Service.UpdateAsync(approved.ChangeId, 4, Complete() with { Customers = ["acme", "initech"] }, "bob", NoCancel);

        Assert.Equal(ChangeStatus.Submitted, moved.Change.Status);
        Assert.Null(moved.Change.ApprovedBy);
        Assert.True(moved.Change.Modifications[^1].Reapproval);
        Assert.Equal(["customers"], moved.Change.Modifications[^1].MaterialFields!);
        var told = moved.Change.PreviousAnnouncement!;
        Assert.Equal((4, Complete().ImplementationStart, "America/New_York"), (told.Version, told.ImplementationStart, told.Timezone));
        Assert.Equal(["acme", "globex"], told.Customers);
        Assert.Equal(new CustomerWithdrawal("globex", 5, Announced: true), Assert.Single(moved.Change.Withdrawals!));
        Assert.Equal(["acme", "globex", "initech"], moved.Triggers.Select(t => t.CustomerCode).Order());

        var approvedAgain = await Service.ApplyAsync(approved.ChangeId, ChangeAction.Approve, "carol", 5, NoCancel);
        Assert.Equal(["acme", "initech"], approvedAgain.Triggers.Select(t => t.CustomerCode).Order());
        var addedBack = await Service.UpdateAsync(approved.ChangeId, 6, Complete() with { Customers = ["acme", "initech", "globex"] }, "carol", NoCancel);
        Assert.Null(addedBack.Change.Withdrawals);
    }

    [Fact]
    public async Task A_window_that_has_ended_is_submitted_or_approved_only_as_backdated_with_a_reason()
    {
        var draft = await Service.CreateAsync(Complete(), "alice", NoCancel);
        Clock.Advance(TimeSpan.FromDays(10));

        var refused = await Assert.ThrowsAsync<ChangeValidationException>(() => Service.ApplyAsync(draft.ChangeId, ChangeAction.Submit, "alice", 1, NoCancel));
        Assert.Contains("move it to the future, or submit it as backdated", Assert.Single(refused.Errors, e => e.Field == "implementationEnd").Message);
        var submitted = await Service.ApplyAsync(draft.ChangeId, ChangeAction.Submit, "alice", 1,
            new ChangeActionRequest { Backdated = true, Reason = "Emergency fix applied during the outage." }, NoCancel);
        await Assert.ThrowsAsync<ChangeValidationException>(() => Service.ApplyAsync(draft.ChangeId, ChangeAction.Approve, "bob", 2, NoCancel));

        Assert.Equal([ChangeRules.Backdated], submitted.Change.Modifications[^1].Overrides!);
        Assert.Equal("Emergency fix applied during the outage.", submitted.Change.Modifications[^1].Reason);
    }

    [Fact]
    public async Task Completing_before_the_window_starts_needs_early_with_a_reason_and_inside_it_needs_nothing()
    {
        var approved = await ApprovedAsync();
        Assert.Equal("implementationStart", Assert.Single((await Assert.ThrowsAsync<ChangeValidationException>(() =>
            Service.ApplyAsync(approved.ChangeId, ChangeAction.Complete, "bob", 3, NoCancel))).Errors).Field);
        Assert.Equal("reason", Assert.Single((await Assert.ThrowsAsync<ChangeValidationException>(() =>
            Service.ApplyAsync(approved.ChangeId, ChangeAction.Complete, "bob", 3, new ChangeActionRequest { Early = true }, NoCancel))).Errors).Field);

        Clock.Advance(Complete().ImplementationStart!.Value - Clock.GetUtcNow() + TimeSpan.FromMinutes(5));
        var completed = await Service.ApplyAsync(approved.ChangeId, ChangeAction.Complete, "bob", 3, NoCancel);
        Assert.Null(completed.Change.Modifications[^1].Overrides);
    }

    [Fact]
    public async Task A_window_overlapping_a_change_of_a_related_customer_is_a_related_overlap_warning_naming_the_group()
    {
        var related = Config with
        {
            CustomerMappings = new(Config.CustomerMappings, StringComparer.Ordinal) { ["initech"] = Config.CustomerMappings["initech"] with { Environment = "Prod" } },
            ChangePolicy = new() { Related = [new() { Name = "shared-network", Customers = ["acme"], Environments = ["prod"] }] },
        };
        var service = new ChangeService(Store, related, Clock);
        var approved = await ApprovedAsync();   // acme and globex
        var start = Complete().ImplementationStart!.Value.AddMinutes(30);
        var initech = await service.CreateAsync(Complete() with { Customers = ["initech"], ImplementationStart = start, ImplementationEnd = start.AddHours(1) }, "carol", NoCancel);

        var submitted = await service.ApplyAsync(initech.ChangeId, ChangeAction.Submit, "carol", 1, NoCancel);

        var warning = Assert.Single(submitted.Warnings, w => w.Code is "related_overlap" or "overlap");
        Assert.Equal(("related_overlap", approved.ChangeId, "initech"), (warning.Code, warning.ChangeId, warning.CustomerCode));
        Assert.Contains("scheduled for acme, related to initech ('shared-network' in change_policy.related)", warning.Message);
        Assert.DoesNotContain("globex", warning.Message);
        var later = start.AddHours(2);
        Assert.DoesNotContain(await service.WarningsAsync(submitted.Change with { ImplementationStart = later, ImplementationEnd = later.AddHours(1) }, NoCancel),
            w => w.Code == "related_overlap");
    }

    [Fact]
    public async Task Overlapping_submitted_or_approved_changes_of_a_customer_and_a_long_window_are_warnings()
    {
        var approved = await ApprovedAsync();
        var draftElsewhere = await Service.CreateAsync(Complete() with { Customers = ["globex"] }, "alice", NoCancel);
        var service = new ChangeService(Store, Config with { ChangePolicy = new ChangePolicyConfig { MaxWindowHours = 2 } }, Clock);
        var start = Complete().ImplementationStart!.Value.AddHours(1);
        var second = await service.CreateAsync(Complete() with { Customers = ["globex", "initech"], ImplementationStart = start, ImplementationEnd = start.AddHours(3) }, "carol", NoCancel);

        var submitted = await service.ApplyAsync(second.ChangeId, ChangeAction.Submit, "carol", 1, NoCancel);

        var overlap = Assert.Single(submitted.Warnings, w => w.Code == "overlap");
        Assert.Equal((approved.ChangeId, "globex"), (overlap.ChangeId, overlap.CustomerCode));
        Assert.DoesNotContain(submitted.Warnings, w => w.ChangeId == draftElsewhere.ChangeId);
        Assert.Contains("3 hours long, over the 2-hour maximum", Assert.Single(submitted.Warnings, w => w.Code == "long_window").Message);
        Assert.Empty((await Service.ApplyAsync(approved.ChangeId, ChangeAction.Cancel, "bob", 3, new ChangeActionRequest { Reason = "Postponed." }, NoCancel)).Warnings);
        Assert.DoesNotContain(await service.WarningsAsync(submitted.Change, NoCancel), w => w.ChangeId == approved.ChangeId);
    }
}

public abstract partial class ChangeServiceTests
{
    [Fact]
    public async Task Submitting_a_window_outside_a_customers_maintenance_windows_returns_a_maintenance_warning()
    {
        // Complete()'s window is 03:00–04:30 UTC on 4 December 2026; acme allows 22:00–04:00 London time, globex has no windows.
        var windows = new List<MaintenanceWindowConfig> { new() { Name = "nightly", Start = "22:00", End = "04:00", Timezone = "Europe/London" } };
        var service = new ChangeService(Store, Config with { CustomerMappings = new(Config.CustomerMappings) { ["acme"] = Config.CustomerMappings["acme"] with { MaintenanceWindows = windows } } }, Clock);
        var draft = await service.CreateAsync(Complete(), "alice", CancellationToken.None);

        var submitted = await service.ApplyAsync(draft.ChangeId, ChangeAction.Submit, "alice", 1, CancellationToken.None);

        var warning = Assert.Single(submitted.Warnings, w => w.Code == "maintenance");
        Assert.Equal(("acme", "implementationStart"), (warning.CustomerCode, warning.Field));
        Assert.Contains("2026-12-04 03:00–04:30 UTC is outside them", warning.Message);
        var inside = await service.CreateAsync(Complete() with { ImplementationEnd = Complete().ImplementationStart!.Value.AddMinutes(30) }, "alice", CancellationToken.None);
        Assert.DoesNotContain(await service.WarningsAsync(inside, CancellationToken.None), w => w.Code == "maintenance");
    }
}
