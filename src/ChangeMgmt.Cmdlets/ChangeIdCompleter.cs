using System.Collections;
using System.Management.Automation;
using ChangeMgmt.Core;
using ChangeMgmt.Core.Changes;

namespace ChangeMgmt.Cmdlets;

/// <summary>
/// Tab completion of -ChangeId from local mode's store (-DataDirectory or $env:CHANGEMGMT_DATA_DIR):
/// one page of the change index, most recently modified first, within two seconds. Against AWS it
/// offers nothing: a key press should not wait on the bucket or need credentials.
/// </summary>
public sealed class ChangeIdCompleter : ModuleCompleter
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(2);

    private protected override IEnumerable<CompletionResult> Complete(string word, IDictionary fakeBoundParameters)
    {
        if (CompletionContext.DataDirectory(fakeBoundParameters) is not { } data || CompletionContext.Config(fakeBoundParameters) is not { } config)
            return [];
        try
        {
            using var backend = Backends.OpenLocal(config, data);
            using var timeout = new CancellationTokenSource(Budget);
            IReadOnlyList<ChangeSummary> changes = [];
            PipelinePump.Run(async (_, ct) =>
                changes = (await ChangeMgmtServices.Unlogged(config, backend).Changes.ListAsync(new ChangeQuery(PageSize: ChangeQuery.MaxPageSize), null, ct)).Items, timeout.Token);
            return CompletionContext.Matching(word, changes, c => c.ChangeId, c => c.ChangeTitle);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return [];
        }
    }
}
