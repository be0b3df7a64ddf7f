using System.Collections;
using System.Management.Automation;

namespace ChangeMgmt.Cmdlets;

/// <summary>Tab completion of -Topic: the topics of SESConfig.json (expanded) beside the configuration the command line points to.</summary>
public sealed class TopicCompleter : ModuleCompleter
{
    private protected override IEnumerable<CompletionResult> Complete(string word, IDictionary fakeBoundParameters) =>
        CompletionContext.Config(fakeBoundParameters) is { } loaded
            ? CompletionContext.Matching(word, loaded.Topics, t => t.TopicName, t => t.DisplayName)
            : [];
}
