using ChangeMgmt.Core.Changes;

namespace ChangeMgmt.Core.Freezes;

/// <summary>
/// One occurrence of a freeze as a person reads it: <see cref="Start"/> and <see cref="End"/> (exclusive) in the
/// freeze's zone, with the offset in force then (so a DST change shows), and the same instants in UTC.
/// </summary>
public sealed record FreezeWindow(string FreezeId, string? Name, IReadOnlyList<string> Customers, string Timezone, DateTimeOffset Start, DateTimeOffset End)
{
    public DateTime StartUtc => Start.UtcDateTime;

    public DateTime EndUtc => End.UtcDateTime;

    /// <summary>Empty: a global freeze, for all customers.</summary>
    public bool IsGlobal => Customers.Count == 0;

    /// <summary>The occurrences of <paramref name="freezes"/> overlapping [<paramref name="from"/>, <paramref name="to"/>), by start, then id.</summary>
    public static IReadOnlyList<FreezeWindow> Between(IEnumerable<ChangeFreeze> freezes, DateTimeOffset from, DateTimeOffset to) =>
        [.. freezes
            .SelectMany(f => FreezeOccurrences.Between(f, from, to).Select(o => In(f, o)))
            .OrderBy(w => w.Start).ThenBy(w => w.FreezeId, StringComparer.Ordinal)];

    private static FreezeWindow In(ChangeFreeze freeze, FreezeOccurrence occurrence)
    {
        var zone = IanaZones.Find(freeze.Timezone ?? "", out _) ?? TimeZoneInfo.Utc;
        return new(freeze.FreezeId, freeze.Name, freeze.Customers, zone.Id,
            TimeZoneInfo.ConvertTime(occurrence.Start, zone), TimeZoneInfo.ConvertTime(occurrence.End, zone));
    }
}
