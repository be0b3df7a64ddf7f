using ChangeMgmt.Core;
using ChangeMgmt.Core.Announcements;

namespace ChangeMgmt.Cmdlets;

/// <summary>Tab completion of -AnnouncementId from local mode's store: the newest announcements first.</summary>
public sealed class AnnouncementIdCompleter : LocalStoreCompleter<AnnouncementSummary>
{
    private protected override async Task<IReadOnlyList<AnnouncementSummary>> ListAsync(ChangeMgmtServices core, CancellationToken ct) =>
        (await core.Announcements.ListAsync(new AnnouncementQuery(PageSize: AnnouncementQuery.MaxPageSize), null, ct)).Items;

    private protected override string Id(AnnouncementSummary item) => item.AnnouncementId;

    private protected override string? Title(AnnouncementSummary item) => item.Title;
}
