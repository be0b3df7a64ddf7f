using System.Globalization;
using System.Text.Json.Serialization;
using ChangeMgmt.Core.Changes;
using ChangeMgmt.Core.Freezes;

namespace ChangeMgmt.Core.Configuration;

/// <summary>
/// config.json <c>customer_mappings.{code}.maintenance_windows[i]</c> (optional): a time when the customer allows changes.
/// A change window not wholly inside one occurrence of one of the customer's windows is a <c>maintenance</c> warning.
/// </summary>
public sealed record MaintenanceWindowConfig
{
    [JsonPropertyName("name")] public string? Name { get; init; }
    /// <summary>Local start time, HH:mm, in <see cref="Timezone"/>.</summary>
    [JsonPropertyName("start")] public string? Start { get; init; }
    /// <summary>Local end time, HH:mm; at or before the start it is on the next day (22:00–04:00 crosses midnight).</summary>
    [JsonPropertyName("end")] public string? End { get; init; }
    [JsonPropertyName("timezone")] public string? Timezone { get; init; }
    /// <summary>The days the window opens on, as an RFC 5545 RRULE value; none: every day.</summary>
    [JsonPropertyName("rrule")] public string? Rrule { get; init; }
    [JsonExtensionData] public Dictionary<string, System.Text.Json.JsonElement>? Extra { get; set; }

    public const string DefaultRule = "FREQ=DAILY";

    /// <summary>
    /// The rule's DTSTART: a window's rule is expanded from this local date (a Monday), so COUNT and INTERVAL count from it.
    /// </summary>
    public static readonly DateOnly Anchor = new(2024, 1, 1);

    internal static bool TryParseTime(string? text, out TimeOnly time) =>
        TimeOnly.TryParseExact(text, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out time);

    /// <summary>The window's first occurrence as local wall-clock times, or null when it is not valid.</summary>
    internal (DateTime Start, DateTime End)? LocalSpan() =>
        TryParseTime(Start, out var start) && TryParseTime(End, out var end) && start != end
            ? (Anchor.ToDateTime(start), (end < start ? Anchor.AddDays(1) : Anchor).ToDateTime(end))
            : null;

    /// <summary>The occurrences overlapping [<paramref name="from"/>, <paramref name="to"/>); none for an invalid window (the config validator names it).</summary>
    public IEnumerable<FreezeOccurrence> Between(DateTimeOffset from, DateTimeOffset to)
    {
        if (LocalSpan() is not var (start, end) || IanaZones.Find(Timezone ?? "", out _) is not { } zone
            || FreezeRecurrence.Parse(Rrule ?? DefaultRule, out _) is not { } rule)
            return [];
        return FreezeOccurrences.Recurring(rule, start, end, zone, from, to);
    }

    /// <summary>How the window reads in a message: Sat–Sun 22:00–04:00 Europe/London ('weekend'); a rule other than plain days is shown as written.</summary>
    public string Describe() =>
        $"{Days(Rrule)} {Start}–{End} {Timezone}{(string.IsNullOrWhiteSpace(Name) ? "" : $" ('{Name}')")}";

    private static readonly string[] DayCodes = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"];
    private static readonly string[] DayNames = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

    /// <summary>"daily", the days of a plain FREQ=WEEKLY;BYDAY=… rule (Sat–Sun, Mon, Wed), or the rule as written.</summary>
    internal static string Days(string? rule)
    {
        if (rule is null || rule.Trim().Equals(DefaultRule, StringComparison.OrdinalIgnoreCase)) return "daily";
        var parts = rule.Trim().ToUpperInvariant().Split(';');
        if (parts.Length != 2 || !parts.Contains("FREQ=WEEKLY") || parts.FirstOrDefault(p => p.StartsWith("BYDAY=", StringComparison.Ordinal)) is not { } byDay)
            return rule;
        var days = byDay["BYDAY=".Length..].Split(',').Select(d => Array.IndexOf(DayCodes, d)).Distinct().Order().ToList();
        if (days.Count == 0 || days[0] < 0) return rule;
        if (days.Count == 7) return "daily";
        var contiguous = days.Count > 1 && days[^1] - days[0] == days.Count - 1;
        return contiguous ? $"{DayNames[days[0]]}–{DayNames[days[^1]]}" : string.Join(", ", days.Select(d => DayNames[d]));
    }

    public static void Validate(List<MaintenanceWindowConfig>? windows, string at, Action<string, string, string> add)
    {
        for (var i = 0; i < (windows?.Count ?? 0); i++)
        {
            var path = $"{at}.maintenance_windows[{i}]";
            if (windows![i] is not { } w)
            {
                add(path, "The entry is null.", "Give the window as an object { name, start, end, timezone, rrule }, or remove it.");
                continue;
            }
            var timesOk = CheckTime(w.Start, $"{path}.start", add) & CheckTime(w.End, $"{path}.end", add);
            if (timesOk && w.Start == w.End)
                add($"{path}.end", $"The end {w.End} is the same as the start.", "Give an end different from the start (an end at or before the start is on the next day, e.g. 22:00–04:00).");
            TimeZoneInfo? zone = null;
            if (string.IsNullOrWhiteSpace(w.Timezone))
                add($"{path}.timezone", "No time zone is given.", $"Give the IANA zone whose clock the window follows, e.g. {IanaZones.Example}, or UTC.");
            else if ((zone = IanaZones.Find(w.Timezone, out var zoneError)) is null)
                add($"{path}.timezone", zoneError!, $"Use an IANA Area/Location name, e.g. {IanaZones.Example}, or UTC.");
            if (w.Rrule is not { } text) continue;
            var rule = FreezeRecurrence.Parse(text, out var error);
            if (rule is null)
                add($"{path}.rrule", $"'{text}' is not an RFC 5545 RRULE value ({error}).", "Write it without 'RRULE:', e.g. FREQ=WEEKLY;BYDAY=SA,SU, or remove it for every day.");
            else if (zone is not null && w.LocalSpan() is var (start, end) && !FreezeRecurrence.Occurs(rule, start, end, zone.Id))
                add($"{path}.rrule", $"'{text}' never occurs.", "Check its BY… parts and UNTIL, or remove it for every day.");
        }
    }

    private static bool CheckTime(string? value, string path, Action<string, string, string> add)
    {
        if (TryParseTime(value, out _)) return true;
        add(path, value is null ? "The time is missing." : $"'{value}' is not a time of day as HH:mm.", "Give a 24-hour local time such as 22:00 or 04:00.");
        return false;
    }
}
