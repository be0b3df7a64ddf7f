using System.Globalization;

namespace ChangeMgmt.Core.Changes;

/// <summary>
/// An implementation time as a person gives it: an instant (with a UTC offset, or a UTC/local
/// <see cref="DateTime"/>), or a wall-clock time (no offset), which means that time in the change's
/// <c>timezone</c> — never UTC, never the machine's zone. Binds from text, DateTimeOffset and DateTime
/// (the cmdlets' -Start and -End).
/// </summary>
public sealed record ScheduleTime
{
    private readonly DateTimeOffset? _instant;
    private readonly DateTime _wallClock;

    private ScheduleTime(DateTimeOffset? instant, DateTime wallClock, string text) =>
        (_instant, _wallClock, Text) = (instant, wallClock, text);

    public string Text { get; }

    public bool IsWallClock => _instant is null;

    public static ScheduleTime Parse(string text)
    {
        var trimmed = text.Trim();
        if (!DateTime.TryParse(trimmed, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var parsed))
            throw new FormatException($"'{text}' is not a date and time (e.g. 2026-12-10T22:00:00-05:00, or 2026-12-10T22:00 in the change's time zone).");
        return parsed.Kind == DateTimeKind.Unspecified
            ? new ScheduleTime(null, parsed, trimmed)
            : new ScheduleTime(DateTimeOffset.Parse(trimmed, CultureInfo.InvariantCulture), default, trimmed);
    }

    public static implicit operator ScheduleTime(DateTimeOffset instant) => new(instant, default, instant.ToString("o", CultureInfo.InvariantCulture));

    public static implicit operator ScheduleTime(DateTime time) =>
        time.Kind == DateTimeKind.Unspecified
            ? new ScheduleTime(null, time, time.ToString("s", CultureInfo.InvariantCulture))
            : (ScheduleTime)new DateTimeOffset(time);

    /// <summary>The instant; a wall clock read in <paramref name="timezone"/>, or null with an error naming <paramref name="field"/>.</summary>
    public DateTimeOffset? In(string? timezone, string field, List<FieldError> errors)
    {
        if (_instant is { } instant) return instant;
        if (string.IsNullOrWhiteSpace(timezone))
        {
            errors.Add(new(field, $"'{Text}' has no UTC offset and the change has no timezone: add the offset (e.g. 2026-12-10T22:00:00-05:00) or a timezone (e.g. {IanaZones.Example})."));
            return null;
        }
        if (IanaZones.Find(timezone, out _) is { } zone) return IanaZones.AtWallClock(_wallClock, zone);
        errors.Add(new(field, $"'{Text}' has no UTC offset, and the change's timezone, in which it would be read, is not usable."));
        return null;
    }

    public override string ToString() => Text;
}
