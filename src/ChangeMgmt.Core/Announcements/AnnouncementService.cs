using ChangeMgmt.Core.Changes;
using ChangeMgmt.Core.Configuration;
using ChangeMgmt.Core.Errors;
using ChangeMgmt.Core.Ports;
using ChangeMgmt.Core.Scheduling;

namespace ChangeMgmt.Core.Announcements;

/// <summary>
/// Writing announcements, as <see cref="ChangeService"/> writes changes: every write bumps the version (the
/// optimistic-concurrency token) and keeps the previous one, adds an index entry, and — once the announcement has
/// left draft — writes one trigger per customer (<c>customers/{code}/ANN-….json</c>, the change's
/// <see cref="CustomerTriggers"/>), which notifies that customer's queue. Submitting a type that needs no approval
/// approves it at once; an approval with a publish time ahead writes no trigger yet (it is scheduled).
/// </summary>
public sealed partial class AnnouncementService(IObjectStore store, ChangeMgmtConfig config, TimeProvider time)
{
    private const string Subject = "announcement";

    private readonly AnnouncementRepository repository = new(store);
    private readonly AnnouncementIndex index = new(store);
    private readonly CustomerTriggers triggers = new(store, time);
    private readonly Schedule schedule = new(store);
    private Publisher? publisher;

    private Publisher Publisher => publisher ??= new(store, triggers, time) { Grace = PendingWriteGrace };

    /// <summary>How long a write-ahead note stands before its writer is taken for dead (as <see cref="ChangeService.PendingWriteGrace"/>).</summary>
    public TimeSpan PendingWriteGrace { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>The <see cref="ScheduledItem.Kind"/> of an approved announcement's publish time.</summary>
    public const string PublishKind = "announcement-publish";

    public async Task<Announcement> CreateAsync(Announcement input, string user, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var draft = Editable(input, new Announcement()) with
        {
            AnnouncementId = await UnusedIdAsync(now, ct),
            Status = AnnouncementStatus.Draft,
            Version = 1,
            CreatedAt = now, CreatedBy = user, ModifiedAt = now, ModifiedBy = user,
            Modifications = [new Modification { Timestamp = now, UserId = user, ModificationType = "created", Version = 1 }],
        };
        Validate(draft, complete: false);
        var note = await Publisher.BeginAsync(draft.AnnouncementId, draft.Version, ct);
        var stored = await repository.CreateDraftAsync(draft, ct);
        await Publisher.PublishAsync(Publication(stored.Announcement), note, ct);
        return stored.Announcement;
    }

    public async Task<StoredAnnouncement> GetAsync(string id, CancellationToken ct)
    {
        var stored = await repository.FindAsync(RequireId(id), ct);
        return stored is { Announcement.DeletedAt: null } ? stored : throw new AnnouncementNotFoundException(id);
    }

    public Task<Page<AnnouncementSummary>> ListAsync(AnnouncementQuery query, string? pageToken, CancellationToken ct) =>
        index.QueryAsync(query, pageToken, ct);

    public async Task<Announcement> GetVersionAsync(string id, int version, CancellationToken ct)
    {
        var current = (await GetAsync(id, ct)).Announcement;
        return version == current.Version ? current
            : await repository.GetVersionAsync(id, version, ct) ?? throw new AnnouncementNotFoundException($"{id} v{version}");
    }

    /// <summary>Every kept version, oldest first: versions/{id}/v1…v(n-1) and the current one.</summary>
    public async Task<IReadOnlyList<AnnouncementVersionInfo>> ListVersionsAsync(string id, CancellationToken ct)
    {
        var current = (await GetAsync(id, ct)).Announcement;
        var kept = await KeptVersions.ReadAsync(current, current.Version, v => repository.GetVersionAsync(id, v, ct));
        return [.. kept.Select(AnnouncementVersionInfo.From)];
    }

    /// <summary>Edits a draft or a submitted announcement (which stays submitted); one that was sent is cancelled instead.</summary>
    public async Task<AnnouncementWriteResult> UpdateAsync(string id, int expectedVersion, Announcement edited, string user, CancellationToken ct)
    {
        var current = await GetCurrentAsync(id, expectedVersion, ct);
        if (!AnnouncementLifecycle.IsEditable(current.Announcement.Status))
            throw new AnnouncementTransitionException(id, current.Announcement.Status, "edited (cancel it instead)");
        var next = Stamp(Editable(edited, current.Announcement), user, "updated");
        Validate(next, complete: next.Status != AnnouncementStatus.Draft);
        return await WriteAsync(current, next, ct);
    }

    /// <summary>Deletes a draft softly: kept with its versions and marked, it leaves lists and reads.</summary>
    public async Task DeleteAsync(string id, string user, int? expectedVersion, CancellationToken ct)
    {
        var current = await GetCurrentAsync(id, expectedVersion, ct);
        if (current.Announcement.Status != AnnouncementStatus.Draft)
            throw new AnnouncementTransitionException(id, current.Announcement.Status, "deleted (cancel it instead)");
        var stamped = Stamp(current.Announcement, user, "deleted");
        await WriteAsync(current, stamped with { DeletedAt = stamped.ModifiedAt, DeletedBy = user }, ct);
    }

    /// <summary>
    /// Submit (for a type without approval: publish, approved at once), approve (never one's own unless the policy
    /// or an override allows, as for changes), cancel. Only submitting checks the fields, now complete.
    /// </summary>
    public async Task<AnnouncementWriteResult> ApplyAsync(string id, AnnouncementAction action, string user, int? expectedVersion, ChangeActionRequest request, CancellationToken ct)
    {
        var stored = await GetCurrentAsync(id, expectedVersion, ct);
        var current = stored.Announcement;
        var overrides = action == AnnouncementAction.Approve
            && ChangeRules.OverridesSelfApproval(id, current.CreatedBy, current.ModifiedBy, request, user, config.Auth?.AllowSelfApproval ?? false);
        if (!AnnouncementLifecycle.Allows(current.Status, action))
            throw new AnnouncementTransitionException(id, current.Status, AnnouncementLifecycle.PastTense(action));
        if (overrides && string.IsNullOrWhiteSpace(request.Reason))
            throw new ChangeValidationException([new("reason", "Approving your own announcement needs a reason; it is recorded in its history.")], Subject);
        var target = AnnouncementLifecycle.Target(action, ApprovalRequired(current));
        var entry = new Modification { Comment = Trimmed(request.Comment), Reason = Trimmed(request.Reason), Overrides = overrides ? [ChangeRules.SelfApproval] : null };
        var next = Transition(Stamp(current, user, AnnouncementLifecycle.PastTense(action), entry), target, user);
        if (action == AnnouncementAction.Submit) Validate(next, complete: true);
        return await WriteAsync(stored, next, ct);
    }

    /// <summary>Rebuilds the announcement index from archive/ and drafts/, reading only <c>ANN-</c> objects.</summary>
    public async Task<int> ReindexAsync(CancellationToken ct)
    {
        var count = 0;
        foreach (var prefix in new[] { StorageLayout.ArchivePrefix + AnnouncementId.Prefix, StorageLayout.DraftsPrefix + AnnouncementId.Prefix })
            await foreach (var key in store.ListAllKeysAsync(prefix, ct))
                if (StoredObjectKind.IsAnnouncementKey(key) && await store.GetAsync(key, ct) is { } stored)
                {
                    await index.UpsertAsync(AnnouncementSummary.From(AnnouncementJson.Deserialize(stored.Content, key)), ct);
                    count++;
                }
        return count;
    }

    /// <summary>Whether the announcement's type needs approval; an unknown or missing type does (the safe side).</summary>
    private bool ApprovalRequired(Announcement a) =>
        a.AnnouncementType is not { } type || AnnouncementTypes.Find(config, type)?.ApprovalRequired != false;

    /// <summary>
    /// Note, write, publish, as changes are written (<see cref="Publisher"/>): the index entry, the schedule item of an
    /// approval that waits for its publish time, and — out of draft and not waiting — the customers' triggers. A writer
    /// that dies after the write leaves its note, which <see cref="CompletePendingWritesAsync"/> finishes.
    /// </summary>
    private async Task<AnnouncementWriteResult> WriteAsync(StoredAnnouncement current, Announcement next, CancellationToken ct)
    {
        var note = await Publisher.BeginAsync(next.AnnouncementId, next.Version, ct);
        Announcement written;
        try
        {
            written = (await repository.ReplaceAsync(current, next, ct)).Announcement;
        }
        catch (Exception ex) when (ex is ConcurrencyConflictException or ChangeVersionConflictException)
        {
            await Publisher.AbandonAsync(note);
            throw;
        }
        var later = ScheduledFor(written);
        return new(written, await Publisher.PublishAsync(Publication(written, later), note, ct), later);
    }

    private Publication Publication(Announcement a) => Publication(a, ScheduledFor(a));

    /// <summary>
    /// Triggers and derived entries from one reading of the clock: a publish time passing between them would otherwise
    /// leave neither triggers (still ahead) nor a schedule item (no longer ahead), and the announcement never sent.
    /// </summary>
    private Publication Publication(Announcement a, DateTimeOffset? later) => new(Triggered(a, later), async ct =>
    {
        await index.UpsertAsync(AnnouncementSummary.From(a), ct);
        if (later is { } due) await schedule.AddAsync(new ScheduledItem(due, PublishKind, a.AnnouncementId, a.Version), ct);
    });

    private TriggeredObject Triggered(Announcement a) => Triggered(a, ScheduledFor(a));

    /// <summary>The announcement as its triggers carry it: no targets in draft, deleted, or waiting for its publish time.</summary>
    private static TriggeredObject Triggered(Announcement a, DateTimeOffset? later) =>
        new(a.AnnouncementId, a.Version, AnnouncementJson.Serialize(a), later is null ? [.. Targets(a)] : []);

    /// <summary>
    /// Finishes the announcement writes whose writer died or whose triggers, index entry or schedule item could not be
    /// written, once their note is older than <see cref="PendingWriteGrace"/>; returns how many.
    /// </summary>
    public Task<int> CompletePendingWritesAsync(CancellationToken ct) =>
        Publisher.CompleteAsync(null, AnnouncementId.IsValid, async (id, token) => await repository.FindAsync(id, token) is { } stored ? Publication(stored.Announcement) : null, ct);

    /// <summary>
    /// Retries the announcement triggers whose write failed (triggers-failed/, shared with changes), with the current
    /// version; a failure for a draft-again, deleted or scheduled-for-later announcement is cleared.
    /// </summary>
    public Task<int> RetryFailedTriggersAsync(CancellationToken ct) => triggers.RetryFailedAsync(AnnouncementId.IsValid,
        async (id, token) => await repository.FindAsync(id, token) is { } stored ? Triggered(stored.Announcement) : null, ct);

    /// <summary>
    /// Publishes the approved announcements whose publish time has come: writes their customers' triggers, then
    /// removes the schedule item. An item whose announcement was cancelled or deleted meanwhile is removed unsent.
    /// A sweep that dies between the two repeats the triggers, which the delivery ledger makes harmless.
    /// </summary>
    public async Task<int> PublishDueAsync(CancellationToken ct) => await PublishDueAsync(await schedule.ListDueAsync(time.GetUtcNow(), ct), ct);

    /// <summary>As <see cref="PublishDueAsync(CancellationToken)"/>, from the sweep's listing of the due items (<see cref="Schedule.ListDueAsync"/>).</summary>
    public async Task<int> PublishDueAsync(IReadOnlyList<ScheduledItem> due, CancellationToken ct)
    {
        var published = 0;
        var now = time.GetUtcNow();
        foreach (var item in due.Where(i => i.Kind == PublishKind))
        {
            var current = AnnouncementId.IsValid(item.ObjectId) ? (await repository.FindAsync(item.ObjectId, ct))?.Announcement : null;
            if (current is { Status: AnnouncementStatus.Approved, DeletedAt: null } && current.PublishAt is { } at)
            {
                if (at > now) continue;
                // A customer whose trigger failed is retried from triggers-failed/ (RetryFailedTriggersAsync).
                await triggers.WriteAllAsync(Triggered(current), ct);
                published++;
            }
            await schedule.RemoveAsync(item, ct);
        }
        return published;
    }

    /// <summary>An approved announcement whose publish time is ahead waits for it (the scheduling sweep writes its triggers).</summary>
    private DateTimeOffset? ScheduledFor(Announcement a) =>
        a.Status == AnnouncementStatus.Approved && a.PublishAt is { } at && at > time.GetUtcNow() ? at : null;

    private static IEnumerable<string> Targets(Announcement a) =>
        a.DeletedAt is not null || a.Status == AnnouncementStatus.Draft ? [] : a.Customers;

    private async Task<StoredAnnouncement> GetCurrentAsync(string id, int? expectedVersion, CancellationToken ct)
    {
        var current = await GetAsync(id, ct);
        return expectedVersion is not { } expected || expected == current.Announcement.Version
            ? current
            : throw new ChangeVersionConflictException(id, expected, current.Announcement.Version);
    }

    private async Task<string> UnusedIdAsync(DateTimeOffset now, CancellationToken ct)
    {
        var id = AnnouncementId.New(now);
        while (await store.GetAsync(AnnouncementKeys.Archive(id), ct) is not null || await store.GetAsync(AnnouncementKeys.Draft(id), ct) is not null)
            id = AnnouncementId.New(now);
        return id;
    }

    private Announcement Stamp(Announcement a, string user, string modificationType, Modification? details = null)
    {
        var now = time.GetUtcNow();
        var version = a.Version + 1;
        var entry = (details ?? new Modification()) with { Timestamp = now, UserId = user, ModificationType = modificationType, Version = version };
        return a with { Version = version, ModifiedAt = now, ModifiedBy = user, Modifications = [.. a.Modifications, entry] };
    }

    private static Announcement Transition(Announcement a, AnnouncementStatus target, string user)
    {
        var at = a.ModifiedAt;
        var moved = a with { Status = target };
        return target switch
        {
            AnnouncementStatus.Submitted => moved with { SubmittedAt = at, SubmittedBy = user },
            // A type without approval is published by its submitter: submitted and approved in one step.
            AnnouncementStatus.Approved => moved with { SubmittedAt = a.SubmittedAt ?? at, SubmittedBy = a.SubmittedBy ?? user, ApprovedAt = at, ApprovedBy = user },
            _ => moved with { CancelledAt = at, CancelledBy = user },
        };
    }

    /// <summary>Takes what a person may edit from <paramref name="input"/>; the rest stays as stored.</summary>
    private static Announcement Editable(Announcement input, Announcement stored) => stored with
    {
        AnnouncementType = input.AnnouncementType?.Trim(),
        Title = input.Title?.Trim(),
        Summary = input.Summary,
        Content = input.Content,
        Customers = [.. input.Customers.Select(c => c.Trim())],
        IncludeMeeting = input.IncludeMeeting,
        MeetingDate = input.MeetingDate,
        MeetingTimezone = input.MeetingTimezone,
        MeetingDuration = input.MeetingDuration,
        MeetingLocation = input.MeetingLocation,
        Attendees = input.Attendees,
        Links = input.Links,
        Attachments = input.Attachments,
        PublishAt = input.PublishAt,
        Extra = input.Extra ?? stored.Extra,
    };

    private void Validate(Announcement a, bool complete)
    {
        var errors = AnnouncementValidator.Validate(a, config, complete, time.GetUtcNow());
        if (errors.Count > 0) throw new ChangeValidationException(errors, Subject);
    }

    private static string? Trimmed(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static string RequireId(string id) =>
        AnnouncementId.IsValid(id) ? id : throw new ChangeValidationException([new("announcement_id", $"'{id}' is not an announcement id (ANN-…).")], Subject);
}
