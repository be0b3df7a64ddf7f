using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace ChangeMgmt.Cmdlets;

/// <summary>Tab completion of -Topic: the topics of SESConfig.json (expanded) beside the configuration the command line points to.</summary>
public sealed class TopicCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(
        string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters) =>
        CompletionContext.Config(fakeBoundParameters) is { } loaded
            ? CompletionContext.Matching(wordToComplete, loaded.Topics, t => t.TopicName, t => t.DisplayName)
            : [];
}
