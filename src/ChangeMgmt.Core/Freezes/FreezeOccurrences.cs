using ChangeMgmt.Core.Changes;

namespace ChangeMgmt.Core.Freezes;

/// <summary>
/// A valid freeze as concrete UTC intervals. Every occurrence keeps the freeze's local times in its zone: a
/// 22:00–06:00 nightly freeze in Europe/London is 22:00–06:00 on the clock on the nights the clocks change too
/// (7 or 9 hours then), not the fixed 8-hour span RFC 5545 gives a DTEND-based recurrence. An all-day freeze
/// covers whole local days in its zone, midnight to midnight.
/// </summary>
public static class FreezeOccurrences
{
    // Ical.Net finds occurrences by its fixed span; ours can end later by a DST shift (at most hours), so it looks back a day.
    private static readonly TimeSpan LookBack = TimeSpan.FromDays(1);

    /// <summary>The occurrences overlapping [<paramref name="from"/>, <paramref name="to"/>), in order.</summary>
    public static IEnumerable<FreezeOccurrence> Between(ChangeFreeze freeze, DateTimeOffset from, DateTimeOffset to)
    {
        var zone = Zone(freeze);
        if (freeze.Recurrence is null && !freeze.IsAllDay)
            return new FreezeOccurrence(freeze.Start!.Value.ToUniversalTime(), freeze.End!.Value.ToUniversalTime()) is var once && once.Overlaps(from, to) ? [once] : [];
        var (wallStart, wallEnd) = LocalSpan(freeze, zone);
        return freeze.Recurrence is { } text
            ? Recurring(Rule(text), wallStart, wallEnd, zone, from, to)
            : AtWallClock([wallStart], wallEnd - wallStart, zone, from, to);
    }

    /// <summary>The occurrence in force at <paramref name="now"/> or the first after it, within five years; null when none.</summary>
    public static FreezeOccurrence? Next(ChangeFreeze freeze, DateTimeOffset now) =>
        Between(freeze, now, now.AddYears(5)).FirstOrDefault();

    /// <summary>
    /// A rule's occurrences overlapping [<paramref name="from"/>, <paramref name="to"/>), each keeping the local times
    /// <paramref name="wallStart"/>–<paramref name="wallEnd"/> in <paramref name="zone"/> (freezes and maintenance windows).
    /// </summary>
    internal static IEnumerable<FreezeOccurrence> Recurring(Ical.Net.DataTypes.RecurrencePattern rule, DateTime wallStart, DateTime wallEnd, TimeZoneInfo zone, DateTimeOffset from, DateTimeOffset to) =>
        AtWallClock(FreezeRecurrence.Starts(rule, wallStart, wallEnd, zone.Id, (from - LookBack).UtcDateTime, to.UtcDateTime), wallEnd - wallStart, zone, from, to);

    private static IEnumerable<FreezeOccurrence> AtWallClock(IEnumerable<DateTime> starts, TimeSpan length, TimeZoneInfo zone, DateTimeOffset from, DateTimeOffset to) =>
        starts
            .Select(s => new FreezeOccurrence(IanaZones.AtWallClock(s, zone).ToUniversalTime(), IanaZones.AtWallClock(s + length, zone).ToUniversalTime()))
            .Where(o => o.Overlaps(from, to));

    /// <summary>The freeze's first occurrence as local wall-clock times in its zone: all-day from midnight to the midnight after the last day.</summary>
    internal static (DateTime Start, DateTime End) LocalSpan(ChangeFreeze freeze, TimeZoneInfo zone) =>
        freeze.IsAllDay
            ? (freeze.StartDate!.Value.ToDateTime(TimeOnly.MinValue), freeze.EndDate!.Value.AddDays(1).ToDateTime(TimeOnly.MinValue))
            : (TimeZoneInfo.ConvertTime(freeze.Start!.Value, zone).DateTime, TimeZoneInfo.ConvertTime(freeze.End!.Value, zone).DateTime);

    private static TimeZoneInfo Zone(ChangeFreeze freeze) =>
        IanaZones.Find(freeze.Timezone ?? "", out var error) ?? throw new InvalidOperationException($"Freeze {freeze.FreezeId}: {error}");

    private static Ical.Net.DataTypes.RecurrencePattern Rule(string text) =>
        FreezeRecurrence.Parse(text, out var error) ?? throw new InvalidOperationException($"Freeze recurrence '{text}': {error}");
}
