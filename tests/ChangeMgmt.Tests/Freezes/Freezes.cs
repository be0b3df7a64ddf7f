using ChangeMgmt.Core.Freezes;

namespace ChangeMgmt.Tests.Freezes;

/// <summary>Freezes for the tests, valid unless a test spoils them.</summary>
internal static class Freezes
{
    public static DateTimeOffset Utc(int year, int month, int day, int hour = 0, int minute = 0) => new(year, month, day, hour, minute, 0, TimeSpan.Zero);

    public static ChangeFreeze Timed(DateTimeOffset start, DateTimeOffset end, string timezone = "UTC", string? recurrence = null, params string[] customers) => new()
    {
        FreezeId = "FRZ-20261201-TEST01",
        Name = "Year-end freeze",
        Reason = "Finance closes the books.",
        Customers = [.. customers],
        Start = start,
        End = end,
        Timezone = timezone,
        Recurrence = recurrence,
    };

    public static ChangeFreeze AllDay(DateOnly first, DateOnly last, string timezone, string? recurrence = null) =>
        Timed(default, default, timezone, recurrence) with { Start = null, End = null, StartDate = first, EndDate = last };
}
