using ChangeMgmt.Core;
using ChangeMgmt.Core.Announcements;

namespace ChangeMgmt.Cmdlets;

/// <summary>Tab completion of -AnnouncementId from local mode's store: the newest announcements first.</summary>
public sealed class AnnouncementIdCompleter : LocalStoreCompleter
{
    private protected override async Task<IReadOnlyList<(string Id, string? Title)>> ListAsync(ChangeMgmtServices core, CancellationToken ct) =>
        [.. (await core.Announcements.ListAsync(new AnnouncementQuery(PageSize: AnnouncementQuery.MaxPageSize), null, ct)).Items.Select(a => (a.AnnouncementId, a.Title))];
}
