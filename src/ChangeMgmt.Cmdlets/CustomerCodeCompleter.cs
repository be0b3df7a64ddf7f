using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace ChangeMgmt.Cmdlets;

/// <summary>Tab completion of -Customer from the configuration the command line points to.</summary>
public sealed class CustomerCodeCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(
        string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters) =>
        CompletionContext.Config(fakeBoundParameters) is { } loaded
            ? CompletionContext.Matching(wordToComplete, loaded.Config.CustomerMappings, kv => kv.Key, kv => kv.Value.DisplayName)
            : [];
}
