using ChangeMgmt.Core.Configuration;
using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Core.Changes;

public sealed record CustomerTriggerResult(string CustomerCode, bool Written, string? Error);

public sealed record ChangeWriteResult(Change Change, IReadOnlyList<CustomerTriggerResult> Triggers);

/// <summary>
/// Writing changes: create, edit, and move through the lifecycle. Every write bumps the version
/// (the optimistic-concurrency token), keeps the previous version, and — once the change has left
/// draft — writes one trigger object per selected customer, which notifies that customer's queue.
/// </summary>
public sealed class ChangeService(IObjectStore store, ChangeMgmtConfig config, TimeProvider time, IChangeIndex? index = null)
{
    private const int TriggerAttempts = 3;
    private readonly ChangeRepository repository = new(store);
    private readonly IChangeIndex index = index ?? new ObjectStoreChangeIndex(store);

    public async Task<Change> CreateAsync(Change input, string user, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var change = Editable(input, new Change()) with
        {
            ChangeId = await UnusedIdAsync(now, ct),
            Status = ChangeStatus.Draft,
            Version = 1,
            CreatedAt = now, CreatedBy = user, ModifiedAt = now, ModifiedBy = user,
            Modifications = [new Modification { Timestamp = now, UserId = user, ModificationType = "created", Version = 1 }],
        };
        Validate(change, complete: false);
        var created = (await repository.CreateDraftAsync(change, ct)).Change;
        await index.UpsertAsync(ChangeSummary.From(created), ct);
        return created;
    }

    public Task<Page<ChangeSummary>> ListAsync(ChangeQuery query, string? pageToken, CancellationToken ct) =>
        index.QueryAsync(query, pageToken, ct);

    /// <summary>Every matching change in the query's order, following the pages.</summary>
    public async IAsyncEnumerable<ChangeSummary> ListAllAsync(ChangeQuery query, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        string? token = null;
        do
        {
            var page = await index.QueryAsync(query with { PageSize = ChangeQuery.MaxPageSize }, token, ct);
            foreach (var item in page.Items) yield return item;
            token = page.NextToken;
        } while (token is not null);
    }

    /// <summary>The dashboard's numbers, from the index alone (the month objects, never the changes).</summary>
    public async Task<ChangeStatistics> StatsAsync(CancellationToken ct)
    {
        IEnumerable<ChangeSummary> summaries = index is ObjectStoreChangeIndex months
            ? await months.ReadAllAsync(ct)
            : await ListAllAsync(new ChangeQuery(), ct).ToListAsync(ct);
        return ChangeStatistics.From(summaries, time.GetUtcNow());
    }

    /// <summary>Rebuilds the index from archive/ and drafts/ (after a failed index write, or to adopt existing changes).</summary>
    public async Task<int> ReindexAsync(CancellationToken ct)
    {
        var count = 0;
        foreach (var prefix in new[] { StorageLayout.ArchivePrefix, StorageLayout.DraftsPrefix })
        {
            string? token = null;
            do
            {
                var page = await store.ListKeysAsync(prefix, token, ct);
                foreach (var key in page.Items.Where(k => k.EndsWith(".json", StringComparison.Ordinal)))
                    if (await store.GetAsync(key, ct) is { } stored)
                    {
                        await index.UpsertAsync(ChangeSummary.From(ChangeJson.Deserialize(stored.Content, key)), ct);
                        count++;
                    }
                token = page.NextToken;
            } while (token is not null);
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
        return stored.Change.DeletedAt is null ? stored : throw new ChangeDeletedException(changeId, stored.Change.DeletedBy, stored.Change.DeletedAt);
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
        var kept = await Task.WhenAll(Enumerable.Range(1, Math.Max(0, current.Version - 1))
            .Select(v => repository.GetVersionAsync(current.ChangeId, v, ct)));
        return [.. kept.OfType<Change>().Select(ChangeVersionInfo.From), ChangeVersionInfo.From(current)];
    }

    public async Task<ChangeWriteResult> UpdateAsync(string changeId, int expectedVersion, Change edited, string user, CancellationToken ct)
    {
        var current = await GetCurrentAsync(changeId, expectedVersion, ct);
        if (!Lifecycle.IsEditable(current.Change.Status))
            throw new InvalidTransitionException(changeId, current.Change.Status, "edited");
        var next = Stamp(Editable(edited, current.Change), user, "updated");
        Validate(next, complete: next.Status != ChangeStatus.Draft);
        return await WriteAsync(current, next, ct);
    }

    public async Task<ChangeWriteResult> ApplyAsync(string changeId, ChangeAction action, string user, int? expectedVersion, CancellationToken ct)
    {
        var current = await GetCurrentAsync(changeId, expectedVersion, ct);
        if (!Lifecycle.Allows(current.Change.Status, action))
            throw new InvalidTransitionException(changeId, current.Change.Status, Lifecycle.PastTense(action));
        var next = Transition(Stamp(current.Change, user, Lifecycle.PastTense(action)), action, user);
        Validate(next, complete: action == ChangeAction.Submit);
        return await WriteAsync(current, next, ct);
    }

    private async Task<StoredChange> GetCurrentAsync(string changeId, int? expectedVersion, CancellationToken ct)
    {
        var current = await GetAsync(changeId, ct);
        if (expectedVersion is { } expected && expected != current.Change.Version)
            throw new ChangeVersionConflictException(changeId, expected, current.Change.Version);
        return current;
    }

    private async Task<ChangeWriteResult> WriteAsync(StoredChange current, Change next, CancellationToken ct)
    {
        var written = await repository.ReplaceAsync(current, next, ct);
        await index.UpsertAsync(ChangeSummary.From(written.Change), ct);
        var triggers = written.Change.Status == ChangeStatus.Draft ? [] : await WriteTriggersAsync(written.Change, ct);
        return new(written.Change, triggers);
    }

    /// <summary>One trigger per customer, in parallel; one customer's failure is reported, never blocks the others.</summary>
    private async Task<IReadOnlyList<CustomerTriggerResult>> WriteTriggersAsync(Change change, CancellationToken ct)
    {
        var content = ChangeJson.Serialize(change);
        return await Task.WhenAll(change.Customers.Select(code => WriteTriggerAsync(code, change.ChangeId, content, ct)));
    }

    private async Task<CustomerTriggerResult> WriteTriggerAsync(string code, string changeId, byte[] content, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await store.PutAsync(StorageLayout.CustomerTrigger(code, changeId), content, WriteCondition.None, ct);
                return new(code, true, null);
            }
            catch (Exception ex) when (ex is not OperationCanceledException && attempt < TriggerAttempts)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100 * attempt), time, ct);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                return new(code, false, ex.Message);
            }
        }
    }

    private Change Stamp(Change change, string user, string modificationType)
    {
        var now = time.GetUtcNow();
        var version = change.Version + 1;
        return change with
        {
            Version = version,
            ModifiedAt = now,
            ModifiedBy = user,
            Modifications = [.. change.Modifications, new Modification { Timestamp = now, UserId = user, ModificationType = modificationType, Version = version }],
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
        Extra = input.Extra ?? stored.Extra,
    };

    private void Validate(Change change, bool complete)
    {
        var errors = ChangeValidator.Validate(change, config, complete);
        if (errors.Count > 0) throw new ChangeValidationException(errors);
    }

    private static string RequireId(string changeId) =>
        ChangeId.IsValid(changeId) ? changeId : throw new ChangeValidationException([new("changeId", $"'{changeId}' is not a change id (CHG-…).")]);
}
