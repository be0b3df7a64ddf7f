using System.Text.Json;
using ChangeMgmt.Core.Announcements;
using ChangeMgmt.Core.Configuration;
using ChangeMgmt.Core.Errors;
using ChangeMgmt.Core.Freezes;
using ChangeMgmt.Core.Ports;
using ChangeMgmt.Core.Reminders;
using ChangeMgmt.Core.Scheduling;

namespace ChangeMgmt.Core.Changes;

public sealed record ChangeWriteResult(Change Change, IReadOnlyList<CustomerTriggerResult> Triggers)
{
    /// <summary>What the writer should know and that did not stop the write (overlapping changes, a long window).</summary>
    public IReadOnlyList<ChangeWarning> Warnings { get; init; } = [];
}

/// <summary>
/// What saving an edit would do, without doing it: the status it leaves the change in, the material fields
/// it changes, whether it needs approval again, which customers will be told, and the warnings.
/// </summary>
public sealed record EditCheck(
    string? ChangeId, ChangeStatus Status, ChangeStatus ResultingStatus, IReadOnlyList<string> MaterialFields,
    bool Reapproval, IReadOnlyList<string> CustomersTold, IReadOnlyList<ChangeWarning> Warnings);

/// <summary>
/// Writing changes: create, edit, and move through the lifecycle. Every write bumps the version
/// (the optimistic-concurrency token), keeps the previous version, and — once the change has left
/// draft — writes one trigger object per selected customer, which notifies that customer's queue.
/// Triggers and index entry follow every write under a write-ahead note (<see cref="Publisher"/>):
/// neither can fail a write that was stored, and what a dead writer left undone is finished by
/// <see cref="CompletePendingWritesAsync"/>.
/// </summary>
public sealed class ChangeService(IObjectStore store, ChangeMgmtConfig config, TimeProvider time, IChangeIndex? index = null)
{
    private readonly ChangeRepository repository = new(store);
    private readonly IChangeIndex index = index ?? new ObjectStoreChangeIndex(store);
    private readonly CustomerTriggers triggers = new(store, time);
    private readonly ChangeReminders reminders = new(store, config, time);
    private Publisher? publisher;

    private Publisher Publisher => publisher ??= new(store, triggers, time) { Grace = PendingWriteGrace };

    /// <summary>Where warnings come from: long windows, overlaps (same and related customers), and customers' maintenance windows.</summary>
    public IReadOnlyList<IChangeWarningSource> WarningSources { get; init; } =
        [new LongWindowWarnings(ChangePolicyConfig.MaxWindow(config)), new OverlapWarnings(index ?? new ObjectStoreChangeIndex(store), config), new MaintenanceWindowWarnings(config)];

    /// <summary>
    /// The freezes a submit or approve is checked against (a window running into one is refused unless the request
    /// is an emergency); null: no freezes, as before they existed.
    /// </summary>
    public FreezeService? Freezes { get; init; }

    /// <summary>How long a write's note may stand before others take its writer for dead and finish the write.</summary>
    public TimeSpan PendingWriteGrace { get; init; } = TimeSpan.FromMinutes(1);

    public async Task<Change> CreateAsync(Change input, string user, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        return await CreateDraftAsync(NewDraft(input, user, now) with { ChangeId = await UnusedIdAsync(now, ct) }, ct);
    }

    /// <summary>
    /// Creates a change once per <paramref name="idempotencyKey"/>: a repeat with the same body answers
    /// the change the first call made (Replayed), a repeat with another body is refused. The key is
    /// reserved with a conditional create, so concurrent requests with one key make one change; a
    /// reservation whose change was never written (the first request died) is finished by the next.
    /// </summary>
    public async Task<(Change Change, bool Replayed)> CreateOnceAsync(Change input, string user, string idempotencyKey, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var draft = NewDraft(input, user, now);
        var hash = IdempotencyRecords.BodyHash(input);
        while (true)
        {
            if (await IdempotencyRecords.FindAsync(store, idempotencyKey, ct) is { } earlier)
                return earlier.BodyHash == hash
                    ? (await EnsureCreatedAsync(draft with { ChangeId = earlier.ChangeId }, ct), true)
                    : throw new IdempotencyKeyReusedException(earlier.ChangeId);
            var id = await UnusedIdAsync(now, ct);
            if (await IdempotencyRecords.TryReserveAsync(store, idempotencyKey, new(hash, id, now), ct))
                return (await EnsureCreatedAsync(draft with { ChangeId = id }, ct), false);
        }
    }

    /// <summary>A new draft from what a person wrote, validated (the id is set by the caller).</summary>
    private Change NewDraft(Change input, string user, DateTimeOffset now)
    {
        var change = Editable(input, new Change()) with
        {
            Status = ChangeStatus.Draft,
            Version = 1,
            CreatedAt = now, CreatedBy = user, ModifiedAt = now, ModifiedBy = user,
            Modifications = [new Modification { Timestamp = now, UserId = user, ModificationType = "created", Version = 1 }],
        };
        Validate(change, complete: false);
        return change;
    }

    private async Task<Change> CreateDraftAsync(Change change, CancellationToken ct) =>
        (await WriteNotedAsync(change, () => repository.CreateDraftAsync(change, ct), ct)).Change;

    /// <summary>The change with the draft's id as stored, creating it first if nobody has yet.</summary>
    private async Task<Change> EnsureCreatedAsync(Change draft, CancellationToken ct)
    {
        if (await repository.FindAsync(draft.ChangeId, ct) is { } stored) return stored.Change;
        try
        {
            return await CreateDraftAsync(draft, ct);
        }
        catch (ConcurrencyConflictException)
        {
            return (await repository.FindAsync(draft.ChangeId, ct))?.Change ?? throw new ChangeNotFoundException(draft.ChangeId);
        }
    }

    public Task<Page<ChangeSummary>> ListAsync(ChangeQuery query, string? pageToken, CancellationToken ct) =>
        index.QueryAsync(query, pageToken, ct);

    /// <summary>Every matching change in the query's order, following the pages.</summary>
    public async IAsyncEnumerable<ChangeSummary> ListAllAsync(ChangeQuery query, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        foreach (var item in await index.MatchingAsync(query, ct)) yield return item;
    }

    /// <summary>The dashboard's numbers, from the index alone (the month objects, never the changes).</summary>
    public Task<ChangeStatistics> StatsAsync(CancellationToken ct) => StatsAsync(null, ct);

    /// <summary>As <see cref="StatsAsync(CancellationToken)"/>, counting only changes that include one of <paramref name="scope"/>'s customers (null: all).</summary>
    public async Task<ChangeStatistics> StatsAsync(IReadOnlySet<string>? scope, CancellationToken ct)
    {
        IEnumerable<ChangeSummary> summaries = index is ObjectStoreChangeIndex months
            ? await months.ReadAllAsync(ct)
            : await ListAllAsync(new ChangeQuery(Scope: scope), ct).ToListAsync(ct);
        if (scope is not null) summaries = summaries.Where(s => s.Customers.Any(scope.Contains));
        return ChangeStatistics.From(summaries, time.GetUtcNow());
    }

    /// <summary>
    /// Rebuilds the index from archive/ and drafts/ (after a failed index write, or to adopt existing changes).
    /// Announcements share both prefixes and are left to their own index (<see cref="Announcements.AnnouncementService.ReindexAsync"/>).
    /// </summary>
    public async Task<int> ReindexAsync(CancellationToken ct)
    {
        var count = 0;
        foreach (var prefix in new[] { StorageLayout.ArchivePrefix, StorageLayout.DraftsPrefix })
            await foreach (var key in store.ListAllKeysAsync(prefix, ct))
                if (key.EndsWith(".json", StringComparison.Ordinal) && !StoredObjectKind.IsAnnouncementKey(key)
                    && await store.GetAsync(key, ct) is { } stored && StoredObjectKind.Of(stored.Content) == ObjectKind.Change)
                {
                    await index.UpsertAsync(ChangeSummary.From(ChangeJson.Deserialize(stored.Content, key)), ct);
                    count++;
                }
        return count;
    }

    /// <summary>A fresh id; the draft write guards drafts/, this guards against an archived change with the same id.</summary>
    private async Task<string> UnusedIdAsync(DateTimeOffset now, CancellationToken ct)
    {
        var id = ChangeId.New(now);
        while (await store.GetAsync(StorageLayout.Archive(id), ct) is not null)
            id = ChangeId.New(now);
        return id;
    }

    public async Task<StoredChange> GetAsync(string changeId, CancellationToken ct)
    {
        var stored = await repository.FindAsync(RequireId(changeId), ct) ?? throw new ChangeNotFoundException(changeId);
        return stored.Change.DeletedAt is null ? stored : throw new ChangeDeletedException(changeId, stored.Change.DeletedBy, stored.Change.DeletedAt, stored.Change.Customers);
    }

    /// <summary>
    /// Deletes a draft softly: it is kept (with its versions) and marked, so it leaves lists and reads
    /// but nothing is lost. A change people were told about is cancelled instead.
    /// </summary>
    public async Task DeleteAsync(string changeId, string user, int? expectedVersion, CancellationToken ct)
    {
        var current = await GetCurrentAsync(changeId, expectedVersion, ct);
        if (current.Change.Status != ChangeStatus.Draft)
            throw new InvalidTransitionException(changeId, current.Change.Status, "deleted (cancel it instead)");
        var stamped = Stamp(current.Change, user, "deleted");
        await WriteAsync(current, stamped with { DeletedAt = stamped.ModifiedAt, DeletedBy = user }, ct);
    }

    /// <summary>
    /// The change as it was when it became <paramref name="status"/> (that version; the current one for its current
    /// status): the ledger knows who got that version's notifications, so sending them again reaches nobody twice.
    /// </summary>
    public async Task<Change> AsOfEventAsync(Change current, ChangeStatus status, CancellationToken ct)
    {
        if (status == current.Status) return current;
        return current.VersionWhen(status) is { } version
            ? await GetVersionAsync(current.ChangeId, version, ct)
            : throw new ChangeEventNotFoundException(current.ChangeId, current.Status, status);
    }

    public async Task<Change> GetVersionAsync(string changeId, int version, CancellationToken ct)
    {
        var current = (await GetAsync(changeId, ct)).Change;
        if (version == current.Version) return current;
        return await repository.GetVersionAsync(changeId, version, ct) ?? throw new ChangeNotFoundException($"{changeId} v{version}");
    }

    /// <summary>Every kept version, oldest first: versions/{id}/v1…v(n-1) and the current one.</summary>
    public async Task<IReadOnlyList<ChangeVersionInfo>> ListVersionsAsync(string changeId, CancellationToken ct)
    {
        var current = (await GetAsync(changeId, ct)).Change;
        var kept = await KeptVersions.ReadAsync(current, current.Version, v => repository.GetVersionAsync(current.ChangeId, v, ct));
        return [.. kept.Select(ChangeVersionInfo.From)];
    }

    public async Task<ChangeWriteResult> UpdateAsync(string changeId, int expectedVersion, Change edited, string user, CancellationToken ct)
    {
        var current = await GetCurrentAsync(changeId, expectedVersion, ct);
        var next = Edit(current.Change, edited, user);
        return await WarnedAsync(await WriteAsync(current, next, ct), ct);
    }

    /// <summary>What saving <paramref name="edited"/> over the change (or as a new draft, without an id) would do; writes nothing.</summary>
    public async Task<EditCheck> CheckEditAsync(string? changeId, Change edited, string user, CancellationToken ct)
    {
        var current = changeId is null ? null : (await GetAsync(changeId, ct)).Change;
        var next = current is null ? Editable(edited, new Change()) : Announcements.Carry(current, Edit(current, edited, user));
        var told = CustomerTriggers.Targets(next).ToList();
        var material = current is null ? [] : MaterialFields.Changed(current, next);
        return new(changeId, current?.Status ?? ChangeStatus.Draft, next.Status, material,
            current?.Status == ChangeStatus.Approved && next.Status == ChangeStatus.Submitted, told, await WarningsAsync(next, ct));
    }

    /// <summary>Every warning source's warnings about <paramref name="change"/> as it would be written.</summary>
    public async Task<IReadOnlyList<ChangeWarning>> WarningsAsync(Change change, CancellationToken ct) =>
        [.. (await Task.WhenAll(WarningSources.Select(s => s.CheckAsync(change, ct)))).SelectMany(w => w)];

    /// <summary>
    /// The edited change as it would be written: a material edit of an approved change returns it to
    /// submitted (approval again), any other edit keeps the status.
    /// </summary>
    private Change Edit(Change current, Change edited, string user)
    {
        if (!Lifecycle.IsEditable(current.Status))
            throw new InvalidTransitionException(current.ChangeId, current.Status, "edited");
        var next = Editable(edited, current);
        var material = MaterialFields.Changed(current, next);
        var reapproval = current.Status == ChangeStatus.Approved && material.Count > 0;
        next = Stamp(next, user, "updated", new() { MaterialFields = material.Count > 0 && current.Status != ChangeStatus.Draft ? [.. material] : null, Reapproval = reapproval ? true : null });
        if (reapproval)
            next = next with { Status = ChangeStatus.Submitted, SubmittedAt = next.ModifiedAt, SubmittedBy = user, ApprovedAt = null, ApprovedBy = null };
        Validate(next, complete: next.Status != ChangeStatus.Draft);
        return next;
    }

    public Task<ChangeWriteResult> ApplyAsync(string changeId, ChangeAction action, string user, int? expectedVersion, CancellationToken ct) =>
        ApplyAsync(changeId, action, user, expectedVersion, ChangeActionRequest.None, ct);

    /// <summary>
    /// Moves the change through the lifecycle under the governance rules (<see cref="ChangeRules"/>); the
    /// comment, reason and overrides are recorded in the action's modification.
    /// </summary>
    public async Task<ChangeWriteResult> ApplyAsync(string changeId, ChangeAction action, string user, int? expectedVersion, ChangeActionRequest request, CancellationToken ct)
    {
        var current = await GetCurrentAsync(changeId, expectedVersion, ct);
        ChangeRules.OverridesSelfApproval(current.Change, action, request, user, SelfApprovalPolicy);
        if (!Lifecycle.Allows(current.Change.Status, action))
            throw new InvalidTransitionException(changeId, current.Change.Status, Lifecycle.PastTense(action));
        var overrides = ChangeRules.Check(current.Change, action, request, user, SelfApprovalPolicy, time.GetUtcNow());
        var frozen = await FreezesMetAsync(current.Change, action, ct);
        if (frozen.Count > 0 && !request.Emergency) throw new ChangeFrozenException(changeId, frozen, current.Change.Customers);
        var entry = new Modification { Comment = Trimmed(request.Comment), Reason = Trimmed(request.Reason), Overrides = overrides.Count > 0 ? [.. overrides] : null };
        var next = WithEmergency(Transition(Stamp(current.Change, user, Lifecycle.PastTense(action), entry), action, user), action, request, frozen);
        // Only submitting checks the fields (now complete): the other transitions change none, so a change
        // stored under older rules (a legacy zone name, a longer text) can still be approved, completed or cancelled.
        if (action == ChangeAction.Submit) Validate(next, complete: true);
        var written = await WriteAsync(current, next, ct);
        return action is ChangeAction.Submit or ChangeAction.Approve ? await WarnedAsync(written, ct) : written;
    }

    /// <summary>The freezes of the change's customers its window runs into, when submitting or approving it.</summary>
    private async Task<IReadOnlyList<FreezeOverlap>> FreezesMetAsync(Change change, ChangeAction action, CancellationToken ct) =>
        Freezes is not null && action is ChangeAction.Submit or ChangeAction.Approve && change is { ImplementationStart: { } start, ImplementationEnd: { } end }
            ? await Freezes.OverlappingAsync(start, end, change.Customers, ct)
            : [];

    /// <summary>
    /// An emergency submit or approve marks the change (reason, who, the freezes overridden) for its emails; a
    /// submit without it starts a new approval and clears an earlier mark.
    /// </summary>
    private static Change WithEmergency(Change next, ChangeAction action, ChangeActionRequest request, IReadOnlyList<FreezeOverlap> frozen)
    {
        if (request.Emergency && action is ChangeAction.Submit or ChangeAction.Approve)
            return next with
            {
                Emergency = new(Trimmed(request.Reason)!, next.ModifiedBy!, next.ModifiedAt!.Value, [.. frozen.Select(o => new OverriddenFreeze(o.Freeze.FreezeId, o.Freeze.Name))]),
            };
        return action == ChangeAction.Submit ? next with { Emergency = null } : next;
    }

    private bool SelfApprovalPolicy => config.Auth?.AllowSelfApproval ?? false;

    private static string? Trimmed(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private async Task<ChangeWriteResult> WarnedAsync(ChangeWriteResult written, CancellationToken ct) =>
        written with { Warnings = await WarningsAsync(written.Change, ct) };

    private async Task<StoredChange> GetCurrentAsync(string changeId, int? expectedVersion, CancellationToken ct)
    {
        var current = await GetAsync(changeId, ct);
        if (expectedVersion is { } expected && expected != current.Change.Version)
            throw new ChangeVersionConflictException(changeId, expected, current.Change.Version);
        return current;
    }

    private async Task<ChangeWriteResult> WriteAsync(StoredChange current, Change next, CancellationToken ct)
    {
        var carried = Announcements.Carry(current.Change, next);
        var written = await WriteNotedAsync(carried, () => repository.ReplaceAsync(current, carried, ct), ct);
        await UnscheduleQuietlyAsync(current.Change, written.Change, ct);
        return written;
    }

    /// <summary>Tidying only: an item left behind is dropped unsent when it falls due.</summary>
    private async Task UnscheduleQuietlyAsync(Change previous, Change next, CancellationToken ct)
    {
        try { await reminders.UnscheduleAsync(previous, next, ct); }
        catch (Exception ex) when (ex is not OperationCanceledException) { }
    }

    /// <summary>Note, write, publish (triggers and index); a write refused for a conflict leaves no note.</summary>
    private async Task<ChangeWriteResult> WriteNotedAsync(Change next, Func<Task<StoredChange>> write, CancellationToken ct)
    {
        var note = await Publisher.BeginAsync(next.ChangeId, next.Version, ct);
        StoredChange written;
        try
        {
            written = await write();
        }
        catch (Exception ex) when (ex is ConcurrencyConflictException or ChangeVersionConflictException)
        {
            await Publisher.AbandonAsync(note);
            throw;
        }
        return new(written.Change, await Publisher.PublishAsync(Publication(written.Change), note, ct));
    }

    /// <summary>
    /// Finishes the writes whose writer died or whose triggers or index entry could not be written (all,
    /// or one change's), once their note is older than <see cref="PendingWriteGrace"/>; returns how many.
    /// </summary>
    public Task<int> CompletePendingWritesAsync(string? changeId, CancellationToken ct) =>
        Publisher.CompleteAsync(changeId, ChangeId.IsValid, async (id, token) => await FindCurrentAsync(id, token) is { } change ? Publication(change) : null, ct);

    private Publication Publication(Change change) => new(CustomerTriggers.Of(change), async ct =>
    {
        await index.UpsertAsync(ChangeSummary.From(change), ct);
        await reminders.ScheduleAsync(change, ct);
    });

    /// <summary>Writes the triggers of approved changes' timed notices that are due (reminders, started, window ended); returns how many.</summary>
    public Task<int> SendDueRemindersAsync(CancellationToken ct) => reminders.SendDueAsync(FindCurrentAsync, ct);

    /// <summary>As <see cref="SendDueRemindersAsync(CancellationToken)"/>, from the sweep's listing of the due items (<see cref="Schedule.ListDueAsync"/>).</summary>
    public Task<int> SendDueRemindersAsync(IReadOnlyList<ScheduledItem> due, CancellationToken ct) => reminders.SendDueAsync(FindCurrentAsync, due, ct);

    /// <summary>
    /// Folds the index's entries into its month objects (reads stay cheap); returns how many entries were folded. A
    /// store still indexed by month of creation is first moved to the index by month of last modification (<see cref="ChangeIndexMigration"/>).
    /// The open index loses its stale versions and old closed markers (<see cref="OpenChangeIndex.CompactAsync"/>).
    /// </summary>
    public async Task<int> CompactIndexAsync(CancellationToken ct)
    {
        if (index is not ObjectStoreChangeIndex objects) return 0;
        await objects.EnsureMigratedAsync(ct);
        await objects.Open.CompactAsync(time.GetUtcNow(), ct);
        return await objects.CompactAsync(ct);
    }

    private async Task<Change?> FindCurrentAsync(string changeId, CancellationToken ct) =>
        (await repository.FindAsync(changeId, ct))?.Change;

    /// <summary>
    /// Writes the triggers of the current version again (all the change's customers, or those named):
    /// a failed trigger is retried by hand this way, and automatically by <see cref="RetryFailedTriggersAsync"/>.
    /// </summary>
    public async Task<IReadOnlyList<CustomerTriggerResult>> RewriteTriggersAsync(string changeId, IReadOnlyList<string>? customers, CancellationToken ct)
    {
        var change = (await GetAsync(changeId, ct)).Change;
        if (change.Status == ChangeStatus.Draft)
            throw new InvalidTransitionException(changeId, change.Status, "sent to customers (submit it first)");
        var unknown = (customers ?? []).Where(c => !change.Customers.Contains(c)).ToList();
        if (unknown.Count > 0)
            throw new ChangeValidationException([.. unknown.Select(c => new FieldError("customers", $"'{c}' is not a customer of {changeId}."))]);
        return await triggers.WriteAsync(CustomerTriggers.Of(change), customers ?? change.Customers, ct);
    }

    /// <summary>Retries the failed trigger writes that are due; returns how many were written.</summary>
    public Task<int> RetryFailedTriggersAsync(CancellationToken ct) => triggers.RetryFailedAsync(ChangeId.IsValid,
        async (id, token) => await FindCurrentAsync(id, token) is { } change ? CustomerTriggers.Of(change) : null, ct);

    private Change Stamp(Change change, string user, string modificationType, Modification? details = null)
    {
        var now = time.GetUtcNow();
        var version = change.Version + 1;
        var entry = (details ?? new Modification()) with { Timestamp = now, UserId = user, ModificationType = modificationType, Version = version };
        return change with
        {
            Version = version,
            ModifiedAt = now,
            ModifiedBy = user,
            Modifications = [.. change.Modifications, entry],
        };
    }

    private static Change Transition(Change change, ChangeAction action, string user)
    {
        var at = change.ModifiedAt;
        var moved = change with { Status = Lifecycle.Target(action) };
        return action switch
        {
            ChangeAction.Submit => moved with { SubmittedAt = at, SubmittedBy = user },
            ChangeAction.Approve => moved with { ApprovedAt = at, ApprovedBy = user },
            ChangeAction.Complete => moved with { CompletedAt = at, CompletedBy = user },
            ChangeAction.Reject => moved,
            _ => moved with { CancelledAt = at, CancelledBy = user },
        };
    }

    /// <summary>Takes what a person may edit from <paramref name="input"/>; the rest stays as stored.</summary>
    private static Change Editable(Change input, Change stored) => stored with
    {
        ChangeTitle = input.ChangeTitle?.Trim(),
        Customers = [.. input.Customers.Select(c => c.Trim())],
        SnowTicket = input.SnowTicket,
        JiraTicket = input.JiraTicket,
        ChangeReason = input.ChangeReason,
        ImplementationPlan = input.ImplementationPlan,
        TestPlan = input.TestPlan,
        CustomerImpact = input.CustomerImpact,
        RollbackPlan = input.RollbackPlan,
        ImplementationStart = input.ImplementationStart,
        ImplementationEnd = input.ImplementationEnd,
        Timezone = input.Timezone,
        Extra = WithoutResponseFields(input.Extra) ?? stored.Extra,
    };

    /// <summary>Unknown fields survive a round trip, except what only an answer carries (a created change's warnings).</summary>
    private static Dictionary<string, JsonElement>? WithoutResponseFields(Dictionary<string, JsonElement>? extra) =>
        extra?.Where(e => e.Key != ChangeWarning.ResponseField).ToDictionary() is { Count: > 0 } kept ? kept : null;

    private void Validate(Change change, bool complete)
    {
        var errors = ChangeValidator.Validate(change, config, complete);
        if (errors.Count > 0) throw new ChangeValidationException(errors);
    }

    private static string RequireId(string changeId) =>
        ChangeId.IsValid(changeId) ? changeId : throw new ChangeValidationException([new("changeId", $"'{changeId}' is not a change id (CHG-…).")]);
}
