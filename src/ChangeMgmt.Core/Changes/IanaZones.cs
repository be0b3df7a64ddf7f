namespace ChangeMgmt.Core.Changes;

/// <summary>
/// The time zones a change may name: IANA Area/Location ids (and UTC). Windows names
/// ("Eastern Standard Time", which .NET resolves through ICU on Linux), legacy abbreviations
/// (EST, PST8PDT, GMT) and the zoneinfo variants (posix/…, right/…) are refused, with the fix.
/// An IANA alias (US/Eastern, Asia/Calcutta) is accepted and, on input, replaced by its canonical name.
/// </summary>
public static class IanaZones
{
    public const string Example = "America/New_York";

    private static readonly Lazy<Dictionary<string, string>> Links = new(ReadLinks);

    /// <summary>
    /// Abbreviations people write for a zone, and the place's zone they most likely mean: EST is a fixed
    /// UTC-05:00 all year, an hour off New York's clocks all summer. Other refused names get the general example.
    /// </summary>
    private static readonly Dictionary<string, string> LegacyNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["EST"] = "America/New_York", ["EDT"] = "America/New_York", ["EST5EDT"] = "America/New_York",
        ["CST"] = "America/Chicago", ["CDT"] = "America/Chicago", ["CST6CDT"] = "America/Chicago",
        ["MST"] = "America/Denver (or America/Phoenix, which keeps UTC-07:00 all year)", ["MDT"] = "America/Denver", ["MST7MDT"] = "America/Denver",
        ["PST"] = "America/Los_Angeles", ["PDT"] = "America/Los_Angeles", ["PST8PDT"] = "America/Los_Angeles",
        ["HST"] = "Pacific/Honolulu", ["AKST"] = "America/Anchorage",
        ["GMT"] = "UTC (or Europe/London for UK time)", ["CET"] = "Europe/Paris", ["EET"] = "Europe/Athens", ["WET"] = "Europe/Lisbon",
    };

    /// <summary>The canonical name of an IANA alias (Asia/Calcutta → Asia/Kolkata), per the system's tzdata.zi; else the id itself.</summary>
    /// <remarks>Only Area/Location names: an abbreviation stays refused even where tzdata links it (EST → America/Panama).</remarks>
    public static string Canonical(string id) => IsAreaLocation(id) ? Links.Value.GetValueOrDefault(id, id) : id;

    /// <summary>The zone, or null with <paramref name="error"/> saying what to write instead.</summary>
    public static TimeZoneInfo? Find(string id, out string? error)
    {
        error = null;
        var zone = id.Length <= ChangeLimits.Timezone ? TryFind(id) : null;
        if (zone is not null && zone.HasIanaId && IsAreaLocation(id))
            return zone;
        var shown = string.Concat(id.Where(c => !char.IsControl(c)));
        error = LegacyNames.TryGetValue(id, out var place)
            ? $"'{shown}' is a legacy abbreviation (a fixed offset or an old US rule), not a place's zone; use {place}."
            : zone is { HasIanaId: false } && TimeZoneInfo.TryConvertWindowsIdToIanaId(id, out var iana)
            ? $"'{shown}' is a Windows time zone name; use its IANA name {iana}."
            : zone is not null
                ? $"'{shown}' is not a canonical IANA time zone; use an Area/Location name (e.g. {Example}) or UTC."
                : $"'{shown}' is not an IANA time zone (e.g. {Example}).";
        return null;
    }

    // tzdata.zi (zic's compact source, installed with the zone files) lists every link as "L target alias".
    private static Dictionary<string, string> ReadLinks()
    {
        var root = Environment.GetEnvironmentVariable("TZDIR") is { Length: > 0 } dir ? dir : "/usr/share/zoneinfo";
        var links = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            foreach (var line in File.ReadLines(Path.Combine(root, "tzdata.zi")))
                if (line.StartsWith("L ", StringComparison.Ordinal) && line.Split(' ', StringSplitOptions.RemoveEmptyEntries) is [_, var target, var alias])
                    links[alias] = target;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // No tzdata.zi (Windows, a minimal image): aliases are kept as written.
        }
        return links;
    }

    private static bool IsAreaLocation(string id) =>
        id == "UTC" || id.Contains('/') && !id.StartsWith("posix/", StringComparison.Ordinal) && !id.StartsWith("right/", StringComparison.Ordinal);

    private static TimeZoneInfo? TryFind(string id)
    {
        try
        {
            return TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : null;
        }
        // A name that matches a directory or unreadable file under the zoneinfo root throws SecurityException.
        catch (Exception e) when (e is InvalidTimeZoneException or System.Security.SecurityException or ArgumentException or IOException)
        {
            return null;
        }
    }

    /// <summary>
    /// A wall-clock time in <paramref name="zone"/> as an instant with that zone's offset, as the portal
    /// reads one: a time that happens twice (DST ends) is its first occurrence; one that never happens
    /// (DST starts) moves forward by the gap.
    /// </summary>
    public static DateTimeOffset AtWallClock(DateTime wallClock, TimeZoneInfo zone)
    {
        var wall = DateTime.SpecifyKind(wallClock, DateTimeKind.Unspecified);
        TimeSpan offset;
        if (zone.IsAmbiguousTime(wall))
            offset = zone.GetAmbiguousTimeOffsets(wall).Max();
        else if (zone.IsInvalidTime(wall))
            offset = zone.GetUtcOffset(DateTime.SpecifyKind(wall, DateTimeKind.Utc).AddDays(-1));
        else
            return new DateTimeOffset(wall, zone.GetUtcOffset(wall));
        var instant = new DateTimeOffset(wall.Ticks - offset.Ticks, TimeSpan.Zero);
        return TimeZoneInfo.ConvertTime(instant, zone);
    }
}
