using System.Collections;
using System.Management.Automation;

namespace ChangeMgmt.Cmdlets;

/// <summary>Tab completion of -Customer from the configuration the command line points to.</summary>
public sealed class CustomerCodeCompleter : ModuleCompleter
{
    private protected override IEnumerable<CompletionResult> Complete(string word, IDictionary fakeBoundParameters) =>
        CompletionContext.Config(fakeBoundParameters) is { } loaded
            ? CompletionContext.Matching(word, loaded.Config.CustomerMappings, kv => kv.Key, kv => kv.Value.DisplayName)
            : [];
}
