using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Core.Changes;

/// <summary>
/// What follows every write of a change: its customers' triggers (once it has left draft) and its index
/// entry. A note is written before the change (<see cref="PendingWrites"/>) and removed when both are
/// done, so a writer that dies, or an index or trigger write that fails, leaves the change version to
/// be finished by <see cref="CompleteAsync"/> — never approved with no trigger, never missing from lists.
/// Neither follow-up fails the write itself: the change is stored, and that is what the caller is told.
/// </summary>
internal sealed class ChangePublisher(IObjectStore store, IChangeIndex index, CustomerTriggers triggers, TimeProvider time)
{
    private const int IndexAttempts = 3;

    /// <summary>How long a note may stand before its writer is taken for dead and the note is finished by others.</summary>
    public TimeSpan Grace { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Notes the coming write of <paramref name="next"/>; call before writing it.</summary>
    public async Task<PendingWrite> BeginAsync(Change next, CancellationToken ct)
    {
        var note = new PendingWrite(next.ChangeId, next.Version, time.GetUtcNow(), Guid.NewGuid().ToString("N"));
        await PendingWrites.RecordAsync(store, note, ct);
        return note;
    }

    /// <summary>The write was refused (a conflict): nothing to follow up.</summary>
    public Task AbandonAsync(PendingWrite note) => ClearQuietlyAsync(note);

    /// <summary>Triggers and index entry of the version just written; the note goes once both are written.</summary>
    public async Task<IReadOnlyList<CustomerTriggerResult>> PublishAsync(Change written, PendingWrite note, CancellationToken ct)
    {
        var results = await triggers.WriteAllAsync(written, ct);
        if (await TryIndexAsync(written, ct) && results.All(r => r.Written)) await ClearQuietlyAsync(note);
        return results;
    }

    /// <summary>
    /// Finishes the notes older than <see cref="Grace"/> (all, or one change's): the version was written,
    /// so its missing triggers and its index entry are written now; a note whose version was never written
    /// is dropped. Returns how many notes were finished or dropped.
    /// </summary>
    public async Task<int> CompleteAsync(string? changeId, Func<string, CancellationToken, Task<Change?>> current, CancellationToken ct)
    {
        var finished = 0;
        foreach (var note in await PendingWrites.ListAsync(store, changeId, ct))
        {
            if (time.GetUtcNow() - note.At < Grace) continue;
            if (await CompleteAsync(note, await current(note.ChangeId, ct), ct)) finished++;
        }
        return finished;
    }

    private async Task<bool> CompleteAsync(PendingWrite note, Change? change, CancellationToken ct)
    {
        if (change is null || change.Version < note.Version)
        {
            await PendingWrites.ClearAsync(store, note, ct);
            return true;
        }
        // A newer version has a note of its own (or is done): only this version's own triggers are owed.
        var missing = change.Version == note.Version ? await triggers.MissingAsync(change, ct) : [];
        var written = missing.Count == 0 || (await triggers.WriteAsync(change, missing, ct)).All(r => r.Written);
        if (!await TryIndexAsync(change, ct) || !written) return false;
        await PendingWrites.ClearAsync(store, note, ct);
        return true;
    }

    /// <summary>The index is derived: a failed entry write is retried briefly, then left to the note.</summary>
    private async Task<bool> TryIndexAsync(Change change, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await index.UpsertAsync(ChangeSummary.From(change), ct);
                return true;
            }
            catch (Exception ex) when (ex is not OperationCanceledException && attempt < IndexAttempts)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100 * attempt), time, ct);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                return false;
            }
        }
    }

    private async Task ClearQuietlyAsync(PendingWrite note)
    {
        try
        {
            await PendingWrites.ClearAsync(store, note, CancellationToken.None);
        }
        catch (Exception)
        {
            // A note left behind is finished later: the index entry and the triggers are written again, to the same effect.
        }
    }
}
