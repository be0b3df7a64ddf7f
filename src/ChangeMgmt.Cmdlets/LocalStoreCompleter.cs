using System.Collections;
using System.Management.Automation;
using ChangeMgmt.Core;

namespace ChangeMgmt.Cmdlets;

/// <summary>
/// Tab completion of an id from local mode's store (-DataDirectory or $env:CHANGEMGMT_DATA_DIR): one page of
/// the object's index, within two seconds. Against AWS it offers nothing: a key press should not wait on the
/// bucket or need credentials. Not generic over Core's types: PowerShell loads a completer while it scans the
/// module, before Core can load in the module's context.
/// </summary>
public abstract class LocalStoreCompleter : ModuleCompleter
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(2);

    /// <summary>One page of the index, as Core lists it: each item's id and title.</summary>
    private protected abstract Task<IReadOnlyList<(string Id, string? Title)>> ListAsync(ChangeMgmtServices core, CancellationToken ct);

    private protected override IEnumerable<CompletionResult> Complete(string word, IDictionary fakeBoundParameters)
    {
        if (CompletionContext.DataDirectory(fakeBoundParameters) is not { } data || CompletionContext.Config(fakeBoundParameters) is not { } config)
            return [];
        try
        {
            using var backend = Backends.OpenLocal(config, data);
            using var timeout = new CancellationTokenSource(Budget);
            IReadOnlyList<(string Id, string? Title)> items = [];
            PipelinePump.Run(async (_, ct) => items = await ListAsync(ChangeMgmtServices.Unlogged(config, backend), ct), timeout.Token);
            return CompletionContext.Matching(word, items, item => item.Id, item => item.Title);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return [];
        }
    }
}
