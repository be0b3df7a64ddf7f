using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace ChangeMgmt.Cmdlets;

/// <summary>The module's argument completers: the word typed so far and the parameters already on the command line.</summary>
public abstract class ModuleCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(
        string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters) =>
        Complete(wordToComplete, fakeBoundParameters);

    private protected abstract IEnumerable<CompletionResult> Complete(string word, IDictionary fakeBoundParameters);
}
