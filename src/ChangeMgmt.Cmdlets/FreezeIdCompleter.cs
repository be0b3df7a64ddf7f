using ChangeMgmt.Core;

namespace ChangeMgmt.Cmdlets;

/// <summary>Tab completion of -FreezeId from local mode's store: the live freezes, by start.</summary>
public sealed class FreezeIdCompleter : LocalStoreCompleter
{
    private protected override async Task<IReadOnlyList<(string Id, string? Title)>> ListAsync(ChangeMgmtServices core, CancellationToken ct) =>
        [.. (await core.Freezes.ListAsync(includeRemoved: false, ct)).Select(f => (f.FreezeId, f.Name))];
}
