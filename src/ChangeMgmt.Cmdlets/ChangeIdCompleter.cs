using ChangeMgmt.Core;
using ChangeMgmt.Core.Changes;

namespace ChangeMgmt.Cmdlets;

/// <summary>Tab completion of -ChangeId from local mode's store: the most recently modified changes first.</summary>
public sealed class ChangeIdCompleter : LocalStoreCompleter<ChangeSummary>
{
    private protected override async Task<IReadOnlyList<ChangeSummary>> ListAsync(ChangeMgmtServices core, CancellationToken ct) =>
        (await core.Changes.ListAsync(new ChangeQuery(PageSize: ChangeQuery.MaxPageSize), null, ct)).Items;

    private protected override string Id(ChangeSummary item) => item.ChangeId;

    private protected override string? Title(ChangeSummary item) => item.ChangeTitle;
}
