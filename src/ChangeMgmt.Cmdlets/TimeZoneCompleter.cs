using System.Collections;
using System.Management.Automation;

namespace ChangeMgmt.Cmdlets;

/// <summary>Tab completion of -TimeZone: the machine's IANA zone ids (e.g. Europe/London).</summary>
public sealed class TimeZoneCompleter : ModuleCompleter
{
    private protected override IEnumerable<CompletionResult> Complete(string word, IDictionary fakeBoundParameters) =>
        CompletionContext.Matching(word, TimeZoneInfo.GetSystemTimeZones()
            .Select(zone => zone.HasIanaId ? zone.Id : TimeZoneInfo.TryConvertWindowsIdToIanaId(zone.Id, out var iana) ? iana : null)
            .OfType<string>().Distinct(StringComparer.Ordinal), id => id, id => id);
}
