using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace ChangeMgmt.Cmdlets;

/// <summary>Tab completion of -TimeZone: the machine's IANA zone ids (e.g. Europe/London).</summary>
public sealed class TimeZoneCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(
        string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters) =>
        CompletionContext.Matching(wordToComplete, TimeZoneInfo.GetSystemTimeZones()
            .Select(zone => zone.HasIanaId ? zone.Id : TimeZoneInfo.TryConvertWindowsIdToIanaId(zone.Id, out var iana) ? iana : null)
            .OfType<string>().Distinct(StringComparer.Ordinal), id => id, id => id);
}
