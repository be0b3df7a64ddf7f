using System.Text.Json;
using ChangeMgmt.Core.Changes;
using ChangeMgmt.Core.Configuration;
using ChangeMgmt.Core.Errors;
using ChangeMgmt.Core.Messages;
using ChangeMgmt.Core.Ports;
using ChangeMgmt.Local;
using ChangeMgmt.Tests.Ports;

namespace ChangeMgmt.Tests.Changes;

/// <summary>ChangeService against the local SQLite bucket (the real adapter), as it runs in local mode.</summary>
public sealed class ChangeServiceOnLocalStoreTests : ChangeServiceTests, IDisposable
{
    private readonly TempDirectory temp = new();
    private LocalDatabase? database;
    private LocalChangeQueue? queue;

    protected override IObjectStore CreateStore(ManualClock clock)
    {
        database = new LocalDatabase(temp.File("changemgmt.db"));
        queue = new LocalChangeQueue(database, time: clock);
        return new LocalObjectStore(database, "msp-change-metadata-example", queue, time: clock);
    }

    public void Dispose()
    {
        database?.Dispose();
        temp.Dispose();
    }

    [Fact]
    public async Task Submitting_notifies_each_customers_queue_with_an_event_the_parser_reads()
    {
        var draft = await Service.CreateAsync(Complete(), "alice", CancellationToken.None);

        await Service.ApplyAsync(draft.ChangeId, ChangeAction.Submit, "alice", 1, CancellationToken.None);

        foreach (var code in new[] { "acme", "globex" })
        {
            var message = Assert.Single(await queue!.ReceiveAsync(code, 10, TimeSpan.FromMinutes(1), TimeSpan.Zero, CancellationToken.None));
            var trigger = Assert.Single(Assert.IsType<ParsedMessage.Triggers>(ChangeMessageParser.Parse(message.Body)).Items);
            Assert.Equal(code, trigger.CustomerCode);
            Assert.Equal(draft.ChangeId, trigger.ChangeId);
        }
        Assert.Empty(await queue!.ReceiveAsync("initech", 10, TimeSpan.FromMinutes(1), TimeSpan.Zero, CancellationToken.None));
    }
}

/// <summary>ChangeService against an in-memory bucket with S3's conditional writes.</summary>
public sealed class ChangeServiceOnMemoryStoreTests : ChangeServiceTests
{
    protected override IObjectStore CreateStore(ManualClock clock) => new InMemoryObjectStore(pageSize: 2);
}

public abstract partial class ChangeServiceTests
{
    private static readonly CancellationToken None = CancellationToken.None;
    protected static readonly DateTimeOffset Start = new(2026, 11, 30, 14, 0, 0, TimeSpan.Zero);

    /// <summary>Completing before the window (which starts days after <see cref="Start"/>) needs the explicit override.</summary>
    protected static readonly ChangeActionRequest EarlyCompletion = new() { Early = true, Reason = "Finished ahead of the window." };

    protected ChangeServiceTests()
    {
        Clock = new ManualClock(Start);
        Store = new InterceptingObjectStore(CreateStore(Clock));
        Service = new ChangeService(Store, Config, Clock);
    }

    protected abstract IObjectStore CreateStore(ManualClock clock);

    protected ManualClock Clock { get; }
    protected InterceptingObjectStore Store { get; }
    protected ChangeService Service { get; }

    protected static readonly ChangeMgmtConfig Config = new()
    {
        CustomerMappings = new(StringComparer.Ordinal)
        {
            ["acme"] = new() { CustomerCode = "acme", CustomerName = "Acme Corp" },
            ["globex"] = new() { CustomerCode = "globex", CustomerName = "Globex" },
            ["initech"] = new() { CustomerCode = "initech", CustomerName = "Initech" },
        },
        EmailConfig = new() { SenderAddress = "changes@msp.example" },
    };

    internal static Change Complete() => new()
    {
        ChangeTitle = "Rotate TLS certificates on shared ingress",
        Customers = ["acme", "globex"],
        ChangeReason = "Certificates expire on 2026-12-15.",
        ImplementationPlan = "Import, switch, verify.",
        TestPlan = "Synthetic checks.",
        CustomerImpact = "None expected.",
        RollbackPlan = "Switch back.",
        ImplementationStart = new DateTimeOffset(2026, 12, 3, 22, 0, 0, TimeSpan.FromHours(-5)),
        ImplementationEnd = new DateTimeOffset(2026, 12, 3, 23, 30, 0, TimeSpan.FromHours(-5)),
        Timezone = "America/New_York",
    };

    private async Task<Change?> ReadObjectAsync(string key)
    {
        var stored = await Store.GetAsync(key, None);
        return stored is null ? null : ChangeJson.Deserialize(stored.Content, key);
    }

    private async Task<List<string>> KeysAsync(string prefix)
    {
        var keys = new List<string>();
        string? token = null;
        do
        {
            var page = await Store.ListKeysAsync(prefix, token, None);
            keys.AddRange(page.Items);
            token = page.NextToken;
        } while (token is not null);
        return keys;
    }

    private async Task<Change> SubmittedAsync()
    {
        var draft = await Service.CreateAsync(Complete(), "alice", None);
        return (await Service.ApplyAsync(draft.ChangeId, ChangeAction.Submit, "alice", 1, None)).Change;
    }

    [Fact]
    public async Task Create_writes_a_draft_at_version_one()
    {
        var created = await Service.CreateAsync(Complete(), "alice", None);

        Assert.Matches("^CHG-20261130-[0-9A-Z]{6}$", created.ChangeId);
        Assert.Equal(ChangeStatus.Draft, created.Status);
        Assert.Equal(1, created.Version);
        Assert.Equal("alice", created.CreatedBy);
        Assert.Equal(Start, created.CreatedAt);
        var stored = await ReadObjectAsync(StorageLayout.Draft(created.ChangeId));
        Assert.NotNull(stored);
        Assert.Equal(1, stored!.Version);
        Assert.Equal(ChangeStatus.Draft, stored.Status);
        Assert.Equal(["acme", "globex"], stored.Customers);
        Assert.Null(await Store.GetAsync(StorageLayout.Archive(created.ChangeId), None));
        Assert.Empty(await KeysAsync(StorageLayout.CustomersPrefix));
        Assert.Equal(created.ChangeId, (await Service.GetAsync(created.ChangeId, None)).Change.ChangeId);
    }

    [Fact]
    public async Task Create_ignores_lifecycle_fields_from_the_caller()
    {
        var input = Complete() with { ChangeId = "CHG-mine", Status = ChangeStatus.Approved, Version = 7, ApprovedBy = "mallory" };

        var created = await Service.CreateAsync(input, "alice", None);

        Assert.NotEqual("CHG-mine", created.ChangeId);
        Assert.Equal(ChangeStatus.Draft, created.Status);
        Assert.Equal(1, created.Version);
        Assert.Null(created.ApprovedBy);
    }

    [Fact]
    public async Task An_incomplete_draft_may_be_saved()
    {
        var created = await Service.CreateAsync(new Change { ChangeTitle = "Just an idea" }, "alice", None);

        Assert.Equal("Just an idea", created.ChangeTitle);
        Assert.NotNull(await Store.GetAsync(StorageLayout.Draft(created.ChangeId), None));
    }

    [Fact]
    public async Task An_unknown_customer_is_rejected_on_create_and_on_update()
    {
        var ex = await Assert.ThrowsAsync<ChangeValidationException>(() =>
            Service.CreateAsync(Complete() with { Customers = ["acme", "wayne"] }, "alice", None));
        var error = Assert.Single(ex.Errors);
        Assert.Equal("customers", error.Field);
        Assert.Contains("wayne", error.Message);
        Assert.Empty(await KeysAsync(StorageLayout.DraftsPrefix));

        var draft = await Service.CreateAsync(Complete(), "alice", None);
        var update = await Assert.ThrowsAsync<ChangeValidationException>(() =>
            Service.UpdateAsync(draft.ChangeId, 1, Complete() with { Customers = ["wayne"] }, "bob", None));
        Assert.Contains(update.Errors, e => e.Field == "customers" && e.Message.Contains("wayne"));
        Assert.Equal(1, (await Service.GetAsync(draft.ChangeId, None)).Change.Version);
    }

    [Fact]
    public async Task Update_bumps_the_version_and_keeps_the_previous_one()
    {
        var draft = await Service.CreateAsync(Complete(), "alice", None);
        Clock.Advance(TimeSpan.FromMinutes(5));

        var updated = await Service.UpdateAsync(draft.ChangeId, 1, Complete() with { ChangeTitle = "  Rotate certificates  " }, "bob", None);

        Assert.Equal(2, updated.Change.Version);
        Assert.Equal("Rotate certificates", updated.Change.ChangeTitle);
        Assert.Equal("bob", updated.Change.ModifiedBy);
        Assert.Equal(Start.AddMinutes(5), updated.Change.ModifiedAt);
        Assert.Empty(updated.Triggers);
        Assert.Equal("Rotate certificates", (await ReadObjectAsync(StorageLayout.Draft(draft.ChangeId)))!.ChangeTitle);
        var previous = await ReadObjectAsync(StorageLayout.Version(draft.ChangeId, 1));
        Assert.Equal(1, previous!.Version);
        Assert.Equal("Rotate TLS certificates on shared ingress", previous.ChangeTitle);
        Assert.Equal("Rotate TLS certificates on shared ingress", (await Service.GetVersionAsync(draft.ChangeId, 1, None)).ChangeTitle);
    }

    [Fact]
    public async Task Update_with_a_stale_version_is_a_conflict_and_changes_nothing()
    {
        var draft = await Service.CreateAsync(Complete(), "alice", None);
        await Service.UpdateAsync(draft.ChangeId, 1, Complete() with { ChangeTitle = "Bob's title" }, "bob", None);

        var ex = await Assert.ThrowsAsync<ChangeVersionConflictException>(() =>
            Service.UpdateAsync(draft.ChangeId, 1, Complete() with { ChangeTitle = "Carol's title" }, "carol", None));

        Assert.Equal(1, ex.ExpectedVersion);
        Assert.Equal(2, ex.CurrentVersion);
        var current = (await Service.GetAsync(draft.ChangeId, None)).Change;
        Assert.Equal("Bob's title", current.ChangeTitle);
        Assert.Equal(2, current.Version);
    }

    [Fact]
    public async Task A_write_that_loses_the_race_in_the_store_is_a_version_conflict()
    {
        var draft = await Service.CreateAsync(Complete(), "alice", None);
        var draftKey = StorageLayout.Draft(draft.ChangeId);
        var raced = false;
        Store.BeforePut = async (key, condition) =>
        {
            // Another writer saves version 2 between this writer's read and its guarded write.
            if (key == draftKey && condition is WriteCondition.IfMatch && !raced)
            {
                raced = true;
                var other = draft with { Version = 2, ChangeTitle = "The other writer" };
                await Store.PutAsync(draftKey, ChangeJson.Serialize(other), WriteCondition.None, None);
            }
        };

        var ex = await Assert.ThrowsAsync<ChangeVersionConflictException>(() =>
            Service.UpdateAsync(draft.ChangeId, 1, Complete() with { ChangeTitle = "Mine" }, "bob", None));

        Assert.True(raced);
        Assert.Equal(1, ex.ExpectedVersion);
        Assert.Equal(2, ex.CurrentVersion);
        Assert.Equal("The other writer", (await Service.GetAsync(draft.ChangeId, None)).Change.ChangeTitle);
    }

    [Fact]
    public async Task Submit_moves_the_change_to_the_archive_and_writes_a_trigger_per_customer()
    {
        var draft = await Service.CreateAsync(Complete(), "alice", None);
        Clock.Advance(TimeSpan.FromMinutes(10));

        var result = await Service.ApplyAsync(draft.ChangeId, ChangeAction.Submit, "bob", 1, None);

        var submitted = result.Change;
        Assert.Equal(ChangeStatus.Submitted, submitted.Status);
        Assert.Equal(2, submitted.Version);
        Assert.Equal("bob", submitted.SubmittedBy);
        Assert.Equal(Start.AddMinutes(10), submitted.SubmittedAt);

        Assert.Null(await Store.GetAsync(StorageLayout.Draft(draft.ChangeId), None));
        var archived = await ReadObjectAsync(StorageLayout.Archive(draft.ChangeId));
        Assert.Equal(ChangeStatus.Submitted, archived!.Status);
        Assert.Equal(2, archived.Version);
        var v1 = await ReadObjectAsync(StorageLayout.Version(draft.ChangeId, 1));
        Assert.Equal(ChangeStatus.Draft, v1!.Status);
        Assert.Equal(1, v1.Version);
        Assert.Equal([StorageLayout.Version(draft.ChangeId, 1)], await KeysAsync(StorageLayout.VersionsOf(draft.ChangeId)));

        Assert.Equal(["acme", "globex"], result.Triggers.Select(t => t.CustomerCode).Order());
        Assert.All(result.Triggers, t => Assert.True(t.Written, t.Error));
        Assert.Equal(
            [StorageLayout.CustomerTrigger("acme", draft.ChangeId), StorageLayout.CustomerTrigger("globex", draft.ChangeId)],
            await KeysAsync(StorageLayout.CustomersPrefix));
        foreach (var code in new[] { "acme", "globex" })
        {
            var trigger = await ReadObjectAsync(StorageLayout.CustomerTrigger(code, draft.ChangeId));
            Assert.Equal(2, trigger!.Version);
            Assert.Equal(ChangeStatus.Submitted, trigger.Status);
        }

        var got = await Service.GetAsync(draft.ChangeId, None);
        Assert.Equal(StorageLayout.Archive(draft.ChangeId), got.Key);
    }

    [Fact]
    public async Task Submit_with_missing_fields_names_them_and_writes_nothing()
    {
        var draft = await Service.CreateAsync(new Change { ChangeTitle = "Just an idea", Customers = ["acme"], TestPlan = "   " }, "alice", None);

        var ex = await Assert.ThrowsAsync<ChangeValidationException>(() =>
            Service.ApplyAsync(draft.ChangeId, ChangeAction.Submit, "alice", 1, None));

        Assert.Equal(
            new[] { "changeReason", "customerImpact", "implementationEnd", "implementationPlan", "implementationStart", "rollbackPlan", "testPlan", "timezone" },
            ex.Errors.Select(e => e.Field).Order(StringComparer.Ordinal));
        Assert.Contains("changeReason", ex.Message);
        var stored = await Service.GetAsync(draft.ChangeId, None);
        Assert.Equal(ChangeStatus.Draft, stored.Change.Status);
        Assert.Equal(1, stored.Change.Version);
        Assert.Null(await Store.GetAsync(StorageLayout.Archive(draft.ChangeId), None));
        Assert.Empty(await KeysAsync(StorageLayout.CustomersPrefix));
    }

    [Fact]
    public async Task Submit_without_customers_asks_for_one()
    {
        var draft = await Service.CreateAsync(Complete() with { Customers = [] }, "alice", None);

        var ex = await Assert.ThrowsAsync<ChangeValidationException>(() =>
            Service.ApplyAsync(draft.ChangeId, ChangeAction.Submit, "alice", 1, None));

        Assert.Equal("customers", Assert.Single(ex.Errors).Field);
    }

    [Fact]
    public async Task An_end_before_the_start_is_rejected()
    {
        var input = Complete() with { ImplementationEnd = Complete().ImplementationStart!.Value.AddHours(-1) };

        var ex = await Assert.ThrowsAsync<ChangeValidationException>(() => Service.CreateAsync(input, "alice", None));

        Assert.Equal("implementationEnd", Assert.Single(ex.Errors).Field);
    }

    [Fact]
    public async Task An_unknown_time_zone_is_rejected()
    {
        var ex = await Assert.ThrowsAsync<ChangeValidationException>(() =>
            Service.CreateAsync(Complete() with { Timezone = "Mars/Olympus_Mons" }, "alice", None));

        Assert.Equal("timezone", Assert.Single(ex.Errors).Field);
    }

    [Theory]
    [InlineData(ChangeAction.Approve)]
    [InlineData(ChangeAction.Complete)]
    public async Task A_draft_cannot_skip_submission(ChangeAction action)
    {
        var draft = await Service.CreateAsync(Complete(), "alice", None);

        var ex = await Assert.ThrowsAsync<InvalidTransitionException>(() => Service.ApplyAsync(draft.ChangeId, action, "bob", 1, None));

        Assert.Equal(ChangeStatus.Draft, ex.From);
        Assert.Equal(draft.ChangeId, ex.ChangeId);
        Assert.Equal(1, (await Service.GetAsync(draft.ChangeId, None)).Change.Version);
        Assert.Empty(await KeysAsync(StorageLayout.CustomersPrefix));
    }

    [Fact]
    public async Task A_completed_change_can_be_neither_edited_nor_cancelled()
    {
        var submitted = await SubmittedAsync();
        await Service.ApplyAsync(submitted.ChangeId, ChangeAction.Approve, "carol", 2, None);
        var completed = (await Service.ApplyAsync(submitted.ChangeId, ChangeAction.Complete, "dave", 3, EarlyCompletion, None)).Change;
        Assert.Equal(ChangeStatus.Completed, completed.Status);

        var edit = await Assert.ThrowsAsync<InvalidTransitionException>(() =>
            Service.UpdateAsync(submitted.ChangeId, 4, Complete() with { ChangeTitle = "Too late" }, "erin", None));
        Assert.Equal(ChangeStatus.Completed, edit.From);
        Assert.Equal("edited", edit.Action);

        var cancel = await Assert.ThrowsAsync<InvalidTransitionException>(() =>
            Service.ApplyAsync(submitted.ChangeId, ChangeAction.Cancel, "erin", 4, None));
        Assert.Equal(ChangeStatus.Completed, cancel.From);

        var stored = (await Service.GetAsync(submitted.ChangeId, None)).Change;
        Assert.Equal(4, stored.Version);
        Assert.Equal("Rotate TLS certificates on shared ingress", stored.ChangeTitle);
    }

    [Fact]
    public async Task A_cancelled_change_cannot_be_approved_or_edited()
    {
        var submitted = await SubmittedAsync();
        await Service.ApplyAsync(submitted.ChangeId, ChangeAction.Cancel, "carol", 2, None);

        await Assert.ThrowsAsync<InvalidTransitionException>(() => Service.ApplyAsync(submitted.ChangeId, ChangeAction.Approve, "dave", 3, None));
        await Assert.ThrowsAsync<InvalidTransitionException>(() => Service.UpdateAsync(submitted.ChangeId, 3, Complete(), "dave", None));
    }

    [Fact]
    public async Task Cancelling_a_draft_archives_it()
    {
        var draft = await Service.CreateAsync(Complete(), "alice", None);

        var cancelled = await Service.ApplyAsync(draft.ChangeId, ChangeAction.Cancel, "alice", 1, None);

        Assert.Equal(ChangeStatus.Cancelled, cancelled.Change.Status);
        Assert.Null(cancelled.Change.ApprovedAt);
        Assert.NotNull(await Store.GetAsync(StorageLayout.Archive(draft.ChangeId), None));
        Assert.Null(await Store.GetAsync(StorageLayout.Draft(draft.ChangeId), None));
    }

    [Fact]
    public async Task A_stale_version_on_a_transition_is_a_conflict()
    {
        var submitted = await SubmittedAsync();

        var ex = await Assert.ThrowsAsync<ChangeVersionConflictException>(() =>
            Service.ApplyAsync(submitted.ChangeId, ChangeAction.Approve, "carol", 1, None));

        Assert.Equal(2, ex.CurrentVersion);
        Assert.Equal(ChangeStatus.Submitted, (await Service.GetAsync(submitted.ChangeId, None)).Change.Status);
    }

    [Fact]
    public async Task Editing_a_submitted_change_keeps_it_complete_and_writes_the_triggers_again()
    {
        var submitted = await SubmittedAsync();

        var incomplete = await Assert.ThrowsAsync<ChangeValidationException>(() =>
            Service.UpdateAsync(submitted.ChangeId, 2, Complete() with { RollbackPlan = "" }, "bob", None));
        Assert.Equal("rollbackPlan", Assert.Single(incomplete.Errors).Field);

        var updated = await Service.UpdateAsync(submitted.ChangeId, 2, Complete() with { Customers = ["acme", "initech"] }, "bob", None);

        Assert.Equal(3, updated.Change.Version);
        Assert.Equal(ChangeStatus.Submitted, updated.Change.Status);
        // globex was sent the approval request: removed, it gets its cancellation through its trigger of this version.
        Assert.Equal(["acme", "globex", "initech"], updated.Triggers.Select(t => t.CustomerCode).Order());
        Assert.Equal(new CustomerWithdrawal("globex", 3, Announced: false), Assert.Single(updated.Change.Withdrawals!));
        Assert.Equal(3, (await ReadObjectAsync(StorageLayout.CustomerTrigger("initech", submitted.ChangeId)))!.Version);
        Assert.Equal(3, (await ReadObjectAsync(StorageLayout.Archive(submitted.ChangeId)))!.Version);
        Assert.Equal(2, (await ReadObjectAsync(StorageLayout.Version(submitted.ChangeId, 2)))!.Version);
    }

    [Fact]
    public async Task As_of_an_event_is_the_version_that_made_it_and_an_event_never_reached_is_refused()
    {
        var draft = await Service.CreateAsync(Complete(), "alice", None);
        await Service.ApplyAsync(draft.ChangeId, ChangeAction.Submit, "carol", 1, None);
        await Service.ApplyAsync(draft.ChangeId, ChangeAction.Approve, "dave", 2, None);
        var current = (await Service.GetAsync(draft.ChangeId, None)).Change;

        var submitted = await Service.AsOfEventAsync(current, ChangeStatus.Submitted, None);
        Assert.Equal((ChangeStatus.Submitted, 2), (submitted.Status, submitted.Version));
        Assert.Same(current, await Service.AsOfEventAsync(current, ChangeStatus.Approved, None));
        var never = await Assert.ThrowsAsync<ChangeEventNotFoundException>(() => Service.AsOfEventAsync(current, ChangeStatus.Completed, None));
        Assert.Contains("was never Completed", never.Message);
    }

    [Fact]
    public async Task Every_step_is_recorded_with_its_user_type_and_version()
    {
        var draft = await Service.CreateAsync(Complete(), "alice", None);
        Clock.Advance(TimeSpan.FromMinutes(1));
        await Service.UpdateAsync(draft.ChangeId, 1, Complete() with { SnowTicket = "CHG0031337" }, "bob", None);
        Clock.Advance(TimeSpan.FromMinutes(1));
        await Service.ApplyAsync(draft.ChangeId, ChangeAction.Submit, "carol", 2, None);
        Clock.Advance(TimeSpan.FromMinutes(1));
        await Service.ApplyAsync(draft.ChangeId, ChangeAction.Approve, "dave", 3, None);
        Clock.Advance(TimeSpan.FromMinutes(1));
        await Service.ApplyAsync(draft.ChangeId, ChangeAction.Complete, "erin", null, EarlyCompletion, None);

        var change = (await Service.GetAsync(draft.ChangeId, None)).Change;

        Assert.Equal(
            [("created", "alice", 1), ("updated", "bob", 2), ("submitted", "carol", 3), ("approved", "dave", 4), ("completed", "erin", 5)],
            change.Modifications.Select(m => (m.ModificationType, m.UserId, m.Version ?? 0)));
        Assert.Equal(Enumerable.Range(0, 5).Select(i => Start.AddMinutes(i)), change.Modifications.Select(m => m.Timestamp));
        Assert.Equal(("carol", Start.AddMinutes(2)), (change.SubmittedBy, change.SubmittedAt));
        Assert.Equal(("dave", Start.AddMinutes(3)), (change.ApprovedBy, change.ApprovedAt));
        Assert.Equal(("erin", Start.AddMinutes(4)), (change.CompletedBy, change.CompletedAt));
        Assert.Equal(("alice", Start), (change.CreatedBy, change.CreatedAt));
        Assert.Equal("erin", change.ModifiedBy);
        Assert.Equal("CHG0031337", change.SnowTicket);
        Assert.Equal([1, 2, 3, 4], (await KeysAsync(StorageLayout.VersionsOf(draft.ChangeId))).Select(k => int.Parse(k.Split('/')[^1][1..^5])).Order());
        Assert.Equal(2, (await Service.GetVersionAsync(draft.ChangeId, 2, None)).Version);
        Assert.Equal(ChangeStatus.Approved, (await Service.GetVersionAsync(draft.ChangeId, 4, None)).Status);
    }

    [Fact]
    public async Task Unknown_fields_sent_by_the_portal_are_kept()
    {
        var extra = new Dictionary<string, JsonElement> { ["object_type"] = JsonDocument.Parse("\"change\"").RootElement.Clone() };

        var created = await Service.CreateAsync(Complete() with { Extra = extra }, "alice", None);
        await Service.ApplyAsync(created.ChangeId, ChangeAction.Submit, "alice", 1, None);

        var archived = await Store.GetAsync(StorageLayout.Archive(created.ChangeId), None);
        using var json = JsonDocument.Parse(archived!.Content);
        Assert.Equal("change", json.RootElement.GetProperty("object_type").GetString());
    }

    [Fact]
    public async Task Unknown_and_malformed_ids_are_reported()
    {
        await Assert.ThrowsAsync<ChangeNotFoundException>(() => Service.GetAsync("CHG-20261130-ZZZZZZ", None));
        var ex = await Assert.ThrowsAsync<ChangeValidationException>(() => Service.GetAsync("../archive/x", None));
        Assert.Equal("changeId", Assert.Single(ex.Errors).Field);
        var draft = await Service.CreateAsync(Complete(), "alice", None);
        await Assert.ThrowsAsync<ChangeNotFoundException>(() => Service.GetVersionAsync(draft.ChangeId, 9, None));
    }

    [Fact]
    public async Task A_reader_finishes_an_interrupted_move_out_of_drafts()
    {
        var draft = await Service.CreateAsync(Complete(), "alice", None);
        var draftKey = StorageLayout.Draft(draft.ChangeId);
        // The writer overwrote the draft with the submitted state, then died before creating archive/.
        var stranded = draft with { Status = ChangeStatus.Submitted, Version = 2 };
        await Store.PutAsync(draftKey, ChangeJson.Serialize(stranded), WriteCondition.None, None);

        var found = await Service.GetAsync(draft.ChangeId, None);

        Assert.Equal(StorageLayout.Archive(draft.ChangeId), found.Key);
        Assert.Equal(ChangeStatus.Submitted, found.Change.Status);
        Assert.Null(await Store.GetAsync(draftKey, None));
    }

    [Fact]
    public async Task A_trigger_that_keeps_failing_is_reported_without_blocking_the_other_customers()
    {
        var draft = await Service.CreateAsync(Complete(), "alice", None);
        var globexTrigger = StorageLayout.CustomerTrigger("globex", draft.ChangeId);
        Store.BeforePut = (key, _) => key == globexTrigger
            ? Task.FromException(new ServiceException(ServiceErrorKind.Unavailable, "S3 is down for globex"))
            : Task.CompletedTask;

        // The store retries what is retryable (AwsRetry on AWS); the service does not retry on top of it.
        var submit = Service.ApplyAsync(draft.ChangeId, ChangeAction.Submit, "alice", 1, None);

        var triggers = (await submit).Triggers.ToDictionary(t => t.CustomerCode);
        Assert.True(triggers["acme"].Written);
        Assert.False(triggers["globex"].Written);
        Assert.Contains("S3 is down for globex", triggers["globex"].Error);
        Assert.Equal(1, Store.PutKeys.Count(k => k == globexTrigger));
        Assert.Equal(1, (await TriggerFailures.FindAsync(Store, draft.ChangeId, "globex", None))!.Attempts);
        Assert.NotNull(await Store.GetAsync(StorageLayout.CustomerTrigger("acme", draft.ChangeId), None));
        Assert.Null(await Store.GetAsync(globexTrigger, None));
        Assert.Equal(ChangeStatus.Submitted, (await Service.GetAsync(draft.ChangeId, None)).Change.Status);
    }

    [Fact]
    public async Task A_trigger_that_fails_once_is_written_by_the_retry_of_failed_triggers_when_it_is_due()
    {
        var draft = await Service.CreateAsync(Complete(), "alice", None);
        var acmeTrigger = StorageLayout.CustomerTrigger("acme", draft.ChangeId);
        var failures = 0;
        Store.BeforePut = (key, _) => key == acmeTrigger && failures++ == 0
            ? Task.FromException(new IOException("connection reset"))
            : Task.CompletedTask;

        var submit = await Service.ApplyAsync(draft.ChangeId, ChangeAction.Submit, "alice", 1, None);
        Assert.False(Assert.Single(submit.Triggers, t => t.CustomerCode == "acme").Written);

        Clock.Advance(TriggerFailures.FirstDelay - TimeSpan.FromMilliseconds(1));
        Assert.Equal(0, await Service.RetryFailedTriggersAsync(None));
        Clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(1, await Service.RetryFailedTriggersAsync(None));

        Assert.NotNull(await Store.GetAsync(acmeTrigger, None));
        Assert.Null(await TriggerFailures.FindAsync(Store, draft.ChangeId, "acme", None));
    }
}
