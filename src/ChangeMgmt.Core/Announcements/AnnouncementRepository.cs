using ChangeMgmt.Core.Changes;
using ChangeMgmt.Core.Errors;
using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Core.Announcements;

/// <summary>
/// Where an announcement lives, by the change's rules (<see cref="ChangeRepository"/>): a draft under drafts/,
/// anything after under archive/, each replaced version kept under versions/. Leaving draft overwrites the draft
/// (If-Match) first, so no concurrent draft edit wins afterwards, then creates the archive object and removes the
/// draft; a reader that finds a non-draft under drafts/ finishes that move.
/// </summary>
internal sealed class AnnouncementRepository(IObjectStore store)
{
    public async Task<StoredAnnouncement?> FindAsync(string id, CancellationToken ct)
    {
        if (await ReadAsync(AnnouncementKeys.Archive(id), ct) is { } archived) return archived;
        var draft = await ReadAsync(AnnouncementKeys.Draft(id), ct);
        return draft is null || draft.Announcement.Status == AnnouncementStatus.Draft ? draft : await ArchiveAsync(draft, ct);
    }

    public async Task<StoredAnnouncement> CreateDraftAsync(Announcement announcement, CancellationToken ct)
    {
        var key = AnnouncementKeys.Draft(announcement.AnnouncementId);
        return new(announcement, key, await store.PutAsync(key, AnnouncementJson.Serialize(announcement), WriteCondition.MustNotExist, ct));
    }

    /// <summary>Replaces <paramref name="current"/> with <paramref name="next"/>; a stale ETag is the caller's version conflict.</summary>
    public async Task<StoredAnnouncement> ReplaceAsync(StoredAnnouncement current, Announcement next, CancellationToken ct)
    {
        var old = current.Announcement;
        await store.PutAsync(AnnouncementKeys.Version(old.AnnouncementId, old.Version), AnnouncementJson.Serialize(old), WriteCondition.None, ct);
        string etag;
        try
        {
            etag = await store.PutAsync(current.Key, AnnouncementJson.Serialize(next), WriteCondition.MustMatch(current.ETag), ct);
        }
        catch (ConcurrencyConflictException)
        {
            var now = await FindAsync(old.AnnouncementId, ct);
            throw new ChangeVersionConflictException(old.AnnouncementId, old.Version, now?.Announcement.Version ?? -1);
        }
        var written = new StoredAnnouncement(next, current.Key, etag);
        return next.Status != AnnouncementStatus.Draft && current.Key == AnnouncementKeys.Draft(old.AnnouncementId)
            ? await ArchiveAsync(written, ct)
            : written;
    }

    public async Task<Announcement?> GetVersionAsync(string id, int version, CancellationToken ct) =>
        await store.GetAsync(AnnouncementKeys.Version(id, version), ct) is { } stored ? AnnouncementJson.Deserialize(stored.Content, stored.Key) : null;

    private async Task<StoredAnnouncement> ArchiveAsync(StoredAnnouncement draft, CancellationToken ct)
    {
        var key = AnnouncementKeys.Archive(draft.Announcement.AnnouncementId);
        await DraftMove.FinishAsync(store, draft.Key, key, AnnouncementJson.Serialize(draft.Announcement), ct);
        return await ReadAsync(key, ct) ?? throw new InvalidOperationException($"{key} vanished right after it was written.");
    }

    private async Task<StoredAnnouncement?> ReadAsync(string key, CancellationToken ct) =>
        await store.GetAsync(key, ct) is { } stored ? new(AnnouncementJson.Deserialize(stored.Content, key), key, stored.ETag) : null;
}
