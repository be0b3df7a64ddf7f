using System.Globalization;

namespace ChangeMgmt.Core.Rendering;

/// <summary>
/// A change window in words, in the change's own zone:
/// "Thu 3 Dec 2026 22:00 – 23:30 (America/New_York, UTC−05:00)".
/// </summary>
internal static class ScheduleText
{
    private const string DateTimeFormat = "ddd d MMM yyyy HH:mm";
    private const string TimeFormat = "HH:mm";
    private const string Dash = " \u2013 ";

    public static string Describe(DateTimeOffset? start, DateTimeOffset? end, ChangeZone zone) => (start, end) switch
    {
        ({ } s, { } e) => Window(zone.Convert(s), zone.Convert(e), zone),
        ({ } s, null) => $"From {Format(zone.Convert(s), DateTimeFormat)} {Suffix(zone, zone.Convert(s).Offset, null)}",
        (null, { } e) => $"Until {Format(zone.Convert(e), DateTimeFormat)} {Suffix(zone, zone.Convert(e).Offset, null)}",
        _ => "Not scheduled yet",
    };

    /// <summary>A single moment, e.g. when a change was completed.</summary>
    public static string? Instant(DateTimeOffset? instant, ChangeZone zone) => instant is { } i
        ? $"{Format(zone.Convert(i), DateTimeFormat)} {Suffix(zone, zone.Convert(i).Offset, null)}"
        : null;

    private static string Window(DateTimeOffset start, DateTimeOffset end, ChangeZone zone)
    {
        var endFormat = start.Date == end.Date ? TimeFormat : DateTimeFormat;
        var endOffset = start.Offset == end.Offset ? (TimeSpan?)null : end.Offset;
        return $"{Format(start, DateTimeFormat)}{Dash}{Format(end, endFormat)} {Suffix(zone, start.Offset, endOffset)}";
    }

    // The offset changes inside the window only when it spans a daylight-saving transition.
    private static string Suffix(ChangeZone zone, TimeSpan offset, TimeSpan? laterOffset)
    {
        if (zone.Label == "UTC") return $"({zone.Label})";
        var offsets = laterOffset is { } later
            ? $"{ChangeZone.Offset(offset)}, then {ChangeZone.Offset(later)}"
            : ChangeZone.Offset(offset);
        return $"({zone.Label}, {offsets})";
    }

    private static string Format(DateTimeOffset value, string format) =>
        value.ToString(format, CultureInfo.InvariantCulture);
}
