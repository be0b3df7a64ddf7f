using ChangeMgmt.Core.Freezes;
using static ChangeMgmt.Tests.Freezes.Freezes;

namespace ChangeMgmt.Tests.Freezes;

public sealed class FreezeOccurrencesTests
{
    private static readonly TimeSpan Bst = TimeSpan.FromHours(1);

    private static IReadOnlyList<(DateTimeOffset, DateTimeOffset)> Expand(ChangeFreeze freeze, DateTimeOffset from, DateTimeOffset to) =>
        [.. FreezeOccurrences.Between(freeze, from, to).Select(o => (o.Start, o.End))];

    /// <summary>22:00–06:00 every night on London's clock, from Friday 20 March 2026.</summary>
    private static readonly ChangeFreeze LondonNightly =
        Timed(Utc(2026, 3, 20, 22), Utc(2026, 3, 21, 6), "Europe/London", "FREQ=DAILY");

    [Fact]
    public void A_nightly_London_freeze_keeps_22_to_06_local_when_summer_time_starts()
    {
        // Clocks go forward at 01:00 UTC on 29 March 2026: that night is 7 hours long, the next starts at 21:00 UTC.
        Assert.Equal(
            [
                (Utc(2026, 3, 27, 22), Utc(2026, 3, 28, 6)),
                (Utc(2026, 3, 28, 22), Utc(2026, 3, 29, 5)),
                (Utc(2026, 3, 29, 21), Utc(2026, 3, 30, 5)),
            ],
            Expand(LondonNightly, Utc(2026, 3, 28, 0), Utc(2026, 3, 30, 0)));
    }

    [Fact]
    public void A_nightly_London_freeze_keeps_22_to_06_local_when_summer_time_ends()
    {
        // Clocks go back at 01:00 UTC on 25 October 2026: that night is 9 hours long.
        var nights = Expand(LondonNightly, Utc(2026, 10, 24, 12), Utc(2026, 10, 26, 12));
        Assert.Equal(
            [
                (new DateTimeOffset(2026, 10, 24, 22, 0, 0, Bst), Utc(2026, 10, 25, 6)),
                (Utc(2026, 10, 25, 22), Utc(2026, 10, 26, 6)),
            ],
            nights);
        Assert.Equal(TimeSpan.FromHours(9), nights[0].Item2 - nights[0].Item1);
    }

    [Fact]
    public void A_weekly_New_York_freeze_moves_an_hour_in_UTC_across_the_March_change()
    {
        // Fridays 18:00–23:00 in New York; DST starts there on Sunday 8 March 2026 (EST −5 → EDT −4).
        var fridays = Timed(new(2026, 2, 27, 18, 0, 0, TimeSpan.FromHours(-5)), new(2026, 2, 27, 23, 0, 0, TimeSpan.FromHours(-5)),
            "America/New_York", "FREQ=WEEKLY;BYDAY=FR");

        Assert.Equal(
            [(Utc(2026, 3, 6, 23), Utc(2026, 3, 7, 4)), (Utc(2026, 3, 13, 22), Utc(2026, 3, 14, 3))],
            Expand(fridays, Utc(2026, 3, 5), Utc(2026, 3, 15)));
    }

    [Fact]
    public void An_all_day_freeze_in_Auckland_covers_whole_local_days_starting_the_UTC_day_before()
    {
        // 24–26 December in Auckland (NZDT, UTC+13): from 11:00 UTC on the 23rd to 11:00 UTC on the 26th.
        var christmas = AllDay(new(2026, 12, 24), new(2026, 12, 26), "Pacific/Auckland");

        Assert.Equal([(Utc(2026, 12, 23, 11), Utc(2026, 12, 26, 11))], Expand(christmas, Utc(2026, 12, 1), Utc(2027, 1, 1)));
    }

    [Fact]
    public void An_all_day_freeze_on_the_day_Auckland_leaves_summer_time_is_25_hours_long()
    {
        // NZDT (+13) ends at 03:00 local on 5 April 2026, giving NZST (+12).
        var day = AllDay(new(2026, 4, 5), new(2026, 4, 5), "Pacific/Auckland");

        Assert.Equal([(Utc(2026, 4, 4, 11), Utc(2026, 4, 5, 12))], Expand(day, Utc(2026, 4, 1), Utc(2026, 4, 10)));
    }

    [Fact]
    public void A_yearly_all_day_freeze_recurs_on_the_same_local_days()
    {
        var christmas = AllDay(new(2026, 12, 24), new(2026, 12, 26), "Pacific/Auckland", "FREQ=YEARLY");

        Assert.Equal(
            [(Utc(2026, 12, 23, 11), Utc(2026, 12, 26, 11)), (Utc(2027, 12, 23, 11), Utc(2027, 12, 26, 11))],
            Expand(christmas, Utc(2026, 6, 1), Utc(2028, 6, 1)));
    }

    [Fact]
    public void A_one_off_freeze_is_its_own_interval_only_where_it_overlaps_the_range()
    {
        var once = Timed(new(2026, 12, 24, 18, 0, 0, Bst), Utc(2026, 12, 27, 8), "Europe/London");

        Assert.Equal([(Utc(2026, 12, 24, 17), Utc(2026, 12, 27, 8))], Expand(once, Utc(2026, 12, 26), Utc(2026, 12, 28)));
        Assert.Empty(Expand(once, Utc(2026, 12, 27, 8), Utc(2026, 12, 28)));
    }

    [Fact]
    public void COUNT_stops_after_that_many_occurrences()
    {
        var three = Timed(Utc(2026, 1, 5, 9), Utc(2026, 1, 5, 17), "UTC", "FREQ=WEEKLY;COUNT=3");

        Assert.Equal([Utc(2026, 1, 5, 9), Utc(2026, 1, 12, 9), Utc(2026, 1, 19, 9)], Expand(three, Utc(2026, 1, 1), Utc(2026, 12, 31)).Select(o => o.Item1));
    }

    [Fact]
    public void UNTIL_includes_an_occurrence_starting_at_it_and_none_after()
    {
        var untilThird = Timed(Utc(2026, 1, 1, 12), Utc(2026, 1, 1, 13), "UTC", "FREQ=DAILY;UNTIL=20260103T120000Z");

        Assert.Equal([Utc(2026, 1, 1, 12), Utc(2026, 1, 2, 12), Utc(2026, 1, 3, 12)], Expand(untilThird, Utc(2025, 12, 1), Utc(2026, 2, 1)).Select(o => o.Item1));
    }

    [Fact]
    public void An_occurrence_that_began_before_the_range_and_runs_into_it_is_included()
    {
        Assert.Equal([(Utc(2026, 5, 4, 21), Utc(2026, 5, 5, 5))], Expand(LondonNightly, Utc(2026, 5, 5, 4), Utc(2026, 5, 5, 6)));
    }
}
