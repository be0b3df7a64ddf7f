using System.Collections;
using System.Management.Automation;
using ChangeMgmt.Core.Announcements;

namespace ChangeMgmt.Cmdlets;

/// <summary>Tab completion of -Type: config.json's announcement_types (else the default types) of the configuration the command line points to.</summary>
public sealed class AnnouncementTypeCompleter : ModuleCompleter
{
    private protected override IEnumerable<CompletionResult> Complete(string word, IDictionary fakeBoundParameters) =>
        CompletionContext.Config(fakeBoundParameters) is { } loaded
            ? CompletionContext.Matching(word, AnnouncementTypes.Of(loaded.Config), t => t.Name, t => t.DisplayName)
            : [];
}
