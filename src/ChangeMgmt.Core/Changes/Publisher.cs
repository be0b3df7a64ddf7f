using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Core.Changes;

/// <summary>
/// A version just written, as its follow-ups need it: its customers' triggers (<see cref="TriggeredObject"/>; no
/// targets while it is a draft or waits for its publish time) and its derived entries (index, schedule).
/// </summary>
internal sealed record Publication(TriggeredObject Object, Func<CancellationToken, Task> DerivedAsync);

/// <summary>
/// What follows every write of a change or an announcement: its customers' triggers and its derived entries. A note
/// is written before the object (<see cref="PendingWrites"/>) and removed when both are done, so a writer that dies,
/// or an index or trigger write that fails, leaves the version to be finished by <see cref="CompleteAsync"/> — never
/// approved with no trigger, never missing from lists. Neither follow-up fails the write itself: the object is
/// stored, and that is what the caller is told.
/// </summary>
internal sealed class Publisher(IObjectStore store, CustomerTriggers triggers, TimeProvider time)
{
    private const int DerivedAttempts = 3;

    /// <summary>How long a note may stand before its writer is taken for dead and the note is finished by others.</summary>
    public TimeSpan Grace { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Notes the coming write of version <paramref name="version"/> of <paramref name="id"/>; call before writing it.</summary>
    public async Task<PendingWrite> BeginAsync(string id, int version, CancellationToken ct)
    {
        var note = new PendingWrite(id, version, time.GetUtcNow(), Guid.NewGuid().ToString("N"));
        await PendingWrites.RecordAsync(store, note, ct);
        return note;
    }

    /// <summary>The write was refused (a conflict): nothing to follow up.</summary>
    public Task AbandonAsync(PendingWrite note) => ClearQuietlyAsync(note);

    /// <summary>Triggers and derived entries of the version just written; the note goes once both are written.</summary>
    public async Task<IReadOnlyList<CustomerTriggerResult>> PublishAsync(Publication written, PendingWrite note, CancellationToken ct)
    {
        var results = await triggers.WriteAllAsync(written.Object, ct);
        if (await TryDerivedAsync(written, ct) && results.All(r => r.Written)) await ClearQuietlyAsync(note);
        return results;
    }

    /// <summary>
    /// Finishes the notes older than <see cref="Grace"/> of the caller's kind (<paramref name="owns"/>: changes and
    /// announcements share pending-writes/), all or one object's: the version was written, so its missing triggers and
    /// derived entries are written now; a note whose version was never written is dropped. Returns how many notes were
    /// finished or dropped.
    /// </summary>
    public async Task<int> CompleteAsync(string? id, Func<string, bool> owns, Func<string, CancellationToken, Task<Publication?>> current, CancellationToken ct)
    {
        var finished = 0;
        foreach (var note in await PendingWrites.ListAsync(store, id, ct))
        {
            if (!owns(note.ChangeId) || time.GetUtcNow() - note.At < Grace) continue;
            if (await CompleteAsync(note, await current(note.ChangeId, ct), ct)) finished++;
        }
        return finished;
    }

    private async Task<bool> CompleteAsync(PendingWrite note, Publication? written, CancellationToken ct)
    {
        if (written is null || written.Object.Version < note.Version)
        {
            await PendingWrites.ClearAsync(store, note, ct);
            return true;
        }
        // A newer version has a note of its own (or is done): only this version's own triggers are owed.
        var missing = written.Object.Version == note.Version ? await triggers.MissingAsync(written.Object, ct) : [];
        var triggered = missing.Count == 0 || (await triggers.WriteAsync(written.Object, missing, ct)).All(r => r.Written);
        if (!await TryDerivedAsync(written, ct) || !triggered) return false;
        await PendingWrites.ClearAsync(store, note, ct);
        return true;
    }

    /// <summary>The derived entries: a failed write is retried briefly, then left to the note.</summary>
    private async Task<bool> TryDerivedAsync(Publication written, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await written.DerivedAsync(ct);
                return true;
            }
            catch (Exception ex) when (ex is not OperationCanceledException && attempt < DerivedAttempts)
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
            // A note left behind is finished later: the derived entries and the triggers are written again, to the same effect.
        }
    }
}
