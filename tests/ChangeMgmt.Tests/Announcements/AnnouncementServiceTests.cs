using ChangeMgmt.Core.Announcements;
using ChangeMgmt.Core.Changes;
using ChangeMgmt.Core.Configuration;
using ChangeMgmt.Core.Ports;
using ChangeMgmt.Tests.Ports;

namespace ChangeMgmt.Tests.Announcements;

/// <summary>The announcement lifecycle on a real (in-memory) bucket: keys, versions, triggers, index.</summary>
public sealed class AnnouncementServiceTests
{
    private const string Jane = "jane@msp.example";
    private const string Omar = "omar@msp.example";

    internal static readonly ChangeMgmtConfig Config = new()
    {
        CustomerMappings = new(StringComparer.Ordinal)
        {
            ["acme"] = new() { CustomerCode = "acme" },
            ["globex"] = new() { CustomerCode = "globex" },
            ["initech"] = new() { CustomerCode = "initech" },
        },
    };

    private readonly InMemoryObjectStore store = new();
    private readonly ManualClock clock = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
    private readonly AnnouncementService service;

    public AnnouncementServiceTests() => service = new(store, Config, clock);

    internal static Announcement Complete(string type, params string[] customers) => new()
    {
        AnnouncementType = type,
        Title = "Quarterly cost review",
        Summary = "Your Q4 numbers.",
        Content = "Costs **fell** 12%.",
        Customers = [.. customers],
    };

    private Task<AnnouncementWriteResult> ApplyAsync(Announcement a, AnnouncementAction action, string user, int? version = null) =>
        service.ApplyAsync(a.AnnouncementId, action, user, version ?? a.Version, ChangeActionRequest.None, default);

    private async Task<IReadOnlyList<string>> TriggerCustomersAsync(string id) =>
        [.. (await store.ListAllKeysAsync(StorageLayout.CustomersPrefix, default).ToListAsync())
            .Where(k => k.EndsWith($"/{id}.json", StringComparison.Ordinal)).Select(k => k.Split('/')[1]).Order()];

    [Fact]
    public async Task Create_writes_a_version_1_draft_under_drafts_and_no_trigger()
    {
        var draft = await service.CreateAsync(Complete("finops", "acme"), Jane, default);

        Assert.Matches("^ANN-20261201-[0-9A-Z]{6}$", draft.AnnouncementId);
        Assert.Equal((AnnouncementStatus.Draft, 1, Jane), (draft.Status, draft.Version, draft.CreatedBy));
        Assert.NotNull(await store.GetAsync(AnnouncementKeys.Draft(draft.AnnouncementId), default));
        Assert.Empty(await TriggerCustomersAsync(draft.AnnouncementId));
    }

    [Fact]
    public async Task A_type_that_needs_approval_goes_submitted_then_approved_and_triggers_exactly_its_customers()
    {
        var draft = await service.CreateAsync(Complete("finops", "acme", "globex"), Jane, default);

        var submitted = await ApplyAsync(draft, AnnouncementAction.Submit, Jane);
        Assert.Equal(AnnouncementStatus.Submitted, submitted.Announcement.Status);
        Assert.Null(await store.GetAsync(AnnouncementKeys.Draft(draft.AnnouncementId), default));
        var approved = await ApplyAsync(submitted.Announcement, AnnouncementAction.Approve, Omar);

        Assert.Equal((AnnouncementStatus.Approved, 3, Omar), (approved.Announcement.Status, approved.Announcement.Version, approved.Announcement.ApprovedBy));
        Assert.Equal(["acme", "globex"], await TriggerCustomersAsync(draft.AnnouncementId));
        var trigger = await store.GetAsync(AnnouncementKeys.CustomerTrigger("acme", draft.AnnouncementId), default);
        Assert.Equal(ObjectKind.Announcement, StoredObjectKind.Of(trigger!.Content));
        Assert.Equal(AnnouncementStatus.Approved, AnnouncementJson.Deserialize(trigger.Content, trigger.Key).Status);
    }

    [Fact]
    public async Task A_type_without_approval_is_approved_by_its_submit()
    {
        var draft = await service.CreateAsync(Complete("General", "initech"), Jane, default);

        var published = await ApplyAsync(draft, AnnouncementAction.Submit, Jane);

        Assert.Equal((AnnouncementStatus.Approved, Jane, Jane), (published.Announcement.Status, published.Announcement.SubmittedBy, published.Announcement.ApprovedBy));
        Assert.Equal(["initech"], await TriggerCustomersAsync(draft.AnnouncementId));
    }

    [Fact]
    public async Task Approving_a_draft_or_ones_own_announcement_is_refused()
    {
        var draft = await service.CreateAsync(Complete("cic", "acme"), Jane, default);
        await Assert.ThrowsAsync<AnnouncementTransitionException>(() => ApplyAsync(draft, AnnouncementAction.Approve, Omar));

        var submitted = (await ApplyAsync(draft, AnnouncementAction.Submit, Jane)).Announcement;
        await Assert.ThrowsAsync<SelfApprovalNotAllowedException>(() => ApplyAsync(submitted, AnnouncementAction.Approve, Jane));
        Assert.Equal(AnnouncementStatus.Submitted, (await service.GetAsync(draft.AnnouncementId, default)).Announcement.Status);
    }

    [Fact]
    public async Task Submit_names_the_missing_fields()
    {
        var draft = await service.CreateAsync(new Announcement { AnnouncementType = "finops" }, Jane, default);

        var error = await Assert.ThrowsAsync<ChangeValidationException>(() => ApplyAsync(draft, AnnouncementAction.Submit, Jane));

        Assert.Equal(["content", "customers", "summary", "title"], error.Errors.Select(e => e.Field).Order());
    }

    [Fact]
    public async Task Approval_with_a_publish_time_ahead_is_scheduled_and_writes_no_trigger()
    {
        var publishAt = clock.GetUtcNow().AddDays(2);
        var draft = await service.CreateAsync(Complete("finops", "acme") with { PublishAt = publishAt }, Jane, default);
        var submitted = (await ApplyAsync(draft, AnnouncementAction.Submit, Jane)).Announcement;

        var approved = await ApplyAsync(submitted, AnnouncementAction.Approve, Omar);

        Assert.Equal(AnnouncementStatus.Approved, approved.Announcement.Status);
        Assert.Equal(publishAt, approved.ScheduledFor);
        Assert.Empty(approved.Triggers);
        // The trigger still holds the submitted version (the approval request); the approval waits for publishAt.
        var trigger = await store.GetAsync(AnnouncementKeys.CustomerTrigger("acme", draft.AnnouncementId), default);
        Assert.Equal(AnnouncementStatus.Submitted, AnnouncementJson.Deserialize(trigger!.Content, trigger.Key).Status);
    }

    [Fact]
    public async Task A_publish_time_that_has_passed_is_refused_at_submit()
    {
        var draft = await service.CreateAsync(Complete("finops", "acme") with { PublishAt = clock.GetUtcNow().AddMinutes(5) }, Jane, default);
        clock.Advance(TimeSpan.FromMinutes(10));

        var error = await Assert.ThrowsAsync<ChangeValidationException>(() => ApplyAsync(draft, AnnouncementAction.Submit, Jane));

        Assert.Equal("publishAt", Assert.Single(error.Errors).Field);
    }

    [Fact]
    public async Task An_edit_against_a_stale_version_is_a_conflict_and_writes_nothing()
    {
        var draft = await service.CreateAsync(Complete("finops", "acme"), Jane, default);
        await service.UpdateAsync(draft.AnnouncementId, 1, draft with { Title = "First" }, Jane, default);

        var conflict = await Assert.ThrowsAsync<ChangeVersionConflictException>(() => service.UpdateAsync(draft.AnnouncementId, 1, draft with { Title = "Second" }, Jane, default));

        Assert.Equal(2, conflict.CurrentVersion);
        Assert.Equal("First", (await service.GetAsync(draft.AnnouncementId, default)).Announcement.Title);
    }

    [Fact]
    public async Task Versions_keep_every_earlier_state()
    {
        var draft = await service.CreateAsync(Complete("finops", "acme"), Jane, default);
        var edited = (await service.UpdateAsync(draft.AnnouncementId, 1, draft with { Title = "Edited" }, Jane, default)).Announcement;
        await ApplyAsync(edited, AnnouncementAction.Submit, Jane);

        var versions = await service.ListVersionsAsync(draft.AnnouncementId, default);

        Assert.Equal([(1, AnnouncementStatus.Draft), (2, AnnouncementStatus.Draft), (3, AnnouncementStatus.Submitted)], versions.Select(v => (v.Version, v.Status)));
        Assert.Equal("Quarterly cost review", (await service.GetVersionAsync(draft.AnnouncementId, 1, default)).Title);
    }

    [Fact]
    public async Task A_sent_announcement_is_cancelled_not_edited_or_deleted_and_its_customers_are_told()
    {
        var sent = (await ApplyAsync(await service.CreateAsync(Complete("general", "acme"), Jane, default), AnnouncementAction.Submit, Jane)).Announcement;
        await Assert.ThrowsAsync<AnnouncementTransitionException>(() => service.UpdateAsync(sent.AnnouncementId, sent.Version, sent, Jane, default));
        await Assert.ThrowsAsync<AnnouncementTransitionException>(() => service.DeleteAsync(sent.AnnouncementId, Jane, null, default));

        var cancelled = await ApplyAsync(sent, AnnouncementAction.Cancel, Omar);

        Assert.Equal(AnnouncementStatus.Cancelled, cancelled.Announcement.Status);
        var trigger = await store.GetAsync(AnnouncementKeys.CustomerTrigger("acme", sent.AnnouncementId), default);
        Assert.Equal(AnnouncementStatus.Cancelled, AnnouncementJson.Deserialize(trigger!.Content, trigger.Key).Status);
    }

    [Fact]
    public async Task A_deleted_draft_is_gone_from_reads_and_lists_but_kept()
    {
        var draft = await service.CreateAsync(Complete("finops", "acme"), Jane, default);

        await service.DeleteAsync(draft.AnnouncementId, Jane, 1, default);

        await Assert.ThrowsAsync<AnnouncementNotFoundException>(() => service.GetAsync(draft.AnnouncementId, default));
        Assert.Empty((await service.ListAsync(new AnnouncementQuery(), null, default)).Items);
        Assert.NotNull(await store.GetAsync(AnnouncementKeys.Draft(draft.AnnouncementId), default));
    }

    [Fact]
    public async Task Lists_filter_by_type_status_customer_text_and_scope_from_the_index_alone()
    {
        var cost = await service.CreateAsync(Complete("finops", "acme"), Jane, default);
        clock.Advance(TimeSpan.FromDays(40));
        var news = await service.CreateAsync(Complete("general", "globex") with { Title = "New backup service" }, Jane, default);
        await ApplyAsync(news, AnnouncementAction.Submit, Jane);
        foreach (var key in new[] { AnnouncementKeys.Draft(cost.AnnouncementId), AnnouncementKeys.Archive(news.AnnouncementId) })
            await store.DeleteAsync(key, default);

        async Task<IEnumerable<string>> Ids(AnnouncementQuery q) => (await service.ListAsync(q, null, default)).Items.Select(s => s.AnnouncementId);

        Assert.Equal([news.AnnouncementId, cost.AnnouncementId], await Ids(new()));
        Assert.Equal([cost.AnnouncementId], await Ids(new(Type: "FinOps")));
        Assert.Equal([news.AnnouncementId], await Ids(new(Status: AnnouncementStatus.Approved)));
        Assert.Equal([news.AnnouncementId], await Ids(new(Customer: "globex")));
        Assert.Equal([news.AnnouncementId], await Ids(new(Text: "backup")));
        Assert.Equal([cost.AnnouncementId], await Ids(new(Scope: new HashSet<string> { "acme", "initech" })));
    }

    [Fact]
    public async Task Pages_follow_the_token_to_the_end_without_repeats()
    {
        var ids = new List<string>();
        for (var i = 0; i < 5; i++, clock.Advance(TimeSpan.FromHours(1)))
            ids.Add((await service.CreateAsync(Complete("finops", "acme"), Jane, default)).AnnouncementId);

        var seen = new List<string>();
        string? token = null;
        do
        {
            var page = await service.ListAsync(new AnnouncementQuery(PageSize: 2), token, default);
            seen.AddRange(page.Items.Select(s => s.AnnouncementId));
            token = page.NextToken;
        } while (token is not null);

        Assert.Equal(Enumerable.Reverse(ids), seen);
    }

    [Fact]
    public async Task Reindex_rebuilds_the_announcement_index_and_the_change_reindex_leaves_announcements_alone()
    {
        var changes = new ChangeService(store, Config, clock);
        var change = await changes.CreateAsync(new Change { ChangeTitle = "Patch", Customers = ["acme"] }, Jane, default);
        var draft = await service.CreateAsync(Complete("finops", "acme"), Jane, default);
        await ApplyAsync(draft, AnnouncementAction.Submit, Jane);
        await foreach (var key in store.ListAllKeysAsync(StorageLayout.IndexPrefix, default)) await store.DeleteAsync(key, default);

        Assert.Equal(1, await changes.ReindexAsync(default));
        Assert.Equal(1, await service.ReindexAsync(default));

        Assert.Equal([change.ChangeId], (await changes.ListAsync(new ChangeQuery(), null, default)).Items.Select(s => s.ChangeId));
        Assert.Equal([draft.AnnouncementId], (await service.ListAsync(new AnnouncementQuery(), null, default)).Items.Select(s => s.AnnouncementId));
    }
}
