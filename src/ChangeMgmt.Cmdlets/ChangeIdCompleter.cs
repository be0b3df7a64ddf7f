using ChangeMgmt.Core;
using ChangeMgmt.Core.Changes;

namespace ChangeMgmt.Cmdlets;

/// <summary>Tab completion of -ChangeId from local mode's store: the most recently modified changes first.</summary>
public sealed class ChangeIdCompleter : LocalStoreCompleter
{
    private protected override async Task<IReadOnlyList<(string Id, string? Title)>> ListAsync(ChangeMgmtServices core, CancellationToken ct) =>
        [.. (await core.Changes.ListAsync(new ChangeQuery(PageSize: ChangeQuery.MaxPageSize), null, ct)).Items.Select(c => (c.ChangeId, c.ChangeTitle))];
}
