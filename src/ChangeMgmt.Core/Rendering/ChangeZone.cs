namespace ChangeMgmt.Core.Rendering;

/// <summary>The time zone a change is shown in: its own IANA zone, or UTC with a note saying why.</summary>
internal sealed record ChangeZone(TimeZoneInfo Zone, string Label, string? Note)
{
    public static ChangeZone For(string? timezone)
    {
        if (string.IsNullOrWhiteSpace(timezone))
            return Utc("This change has no time zone; times are shown in UTC.");
        try
        {
            return new ChangeZone(TimeZoneInfo.FindSystemTimeZoneById(timezone.Trim()), timezone.Trim(), null);
        }
        // A name that matches a directory or unreadable file under the zoneinfo root throws SecurityException.
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException or System.Security.SecurityException)
        {
            var shown = string.Concat(timezone.Trim().Where(c => !char.IsControl(c)));
            return Utc($"The time zone '{shown}' is not known here; times are shown in UTC.");
        }
    }

    public DateTimeOffset Convert(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone);

    /// <summary>"UTC−05:00" with a real minus sign, as people write it.</summary>
    public static string Offset(TimeSpan offset) =>
        $"UTC{(offset < TimeSpan.Zero ? "\u2212" : "+")}{offset.Duration():hh\\:mm}";

    private static ChangeZone Utc(string note) => new(TimeZoneInfo.Utc, "UTC", note);
}
