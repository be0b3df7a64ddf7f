using ChangeMgmt.Core.Changes;
using ChangeMgmt.Core.Ports;
using ChangeMgmt.Core.Rendering;

namespace ChangeMgmt.Tests.Rendering;

public class ScheduleTests
{
    private static string TextBody(Change change) =>
        new NotificationRenderer(RenderingFixtures.Email(), new TemplateLibrary(null))
            .Render(NotificationKind.Announcement, change, RenderingFixtures.Acme()).TextBody;

    private static string When(Change change) =>
        TextBody(change).Split('\n').Single(line => line.StartsWith("When:", StringComparison.Ordinal))["When:".Length..].Trim();

    private static Change Window(string start, string end, string? timezone) => RenderingFixtures.SubmittedChange() with
    {
        ImplementationStart = DateTimeOffset.Parse(start),
        ImplementationEnd = DateTimeOffset.Parse(end),
        Timezone = timezone,
    };

    [Fact]
    public void Fixture_window_is_shown_in_new_york_time() =>
        Assert.Equal("Thu 3 Dec 2026 22:00 \u2013 23:30 (America/New_York, UTC\u221205:00)", When(RenderingFixtures.SubmittedChange()));

    [Theory]
    [InlineData("Europe/London", "Fri 4 Dec 2026 03:00 \u2013 04:30 (Europe/London, UTC+00:00)")]
    [InlineData("Asia/Kolkata", "Fri 4 Dec 2026 08:30 \u2013 10:00 (Asia/Kolkata, UTC+05:30)")]
    [InlineData("Australia/Sydney", "Fri 4 Dec 2026 14:00 \u2013 15:30 (Australia/Sydney, UTC+11:00)")]
    public void The_same_instant_is_shown_in_the_change_zone(string timezone, string expected) =>
        Assert.Equal(expected, When(RenderingFixtures.SubmittedChange() with { Timezone = timezone }));

    [Fact]
    public void Summer_time_uses_the_summer_offset() =>
        Assert.Equal(
            "Fri 3 Jul 2026 21:00 \u2013 22:00 (Europe/London, UTC+01:00)",
            When(Window("2026-07-03T20:00:00Z", "2026-07-03T21:00:00Z", "Europe/London")));

    [Fact]
    public void An_end_on_the_next_day_shows_its_date() =>
        Assert.Equal(
            "Thu 3 Dec 2026 23:00 \u2013 Fri 4 Dec 2026 01:30 (America/New_York, UTC\u221205:00)",
            When(Window("2026-12-03T23:00:00-05:00", "2026-12-04T01:30:00-05:00", "America/New_York")));

    [Fact]
    public void A_window_across_a_clock_change_shows_both_offsets() =>
        Assert.Equal(
            "Sun 1 Nov 2026 00:30 \u2013 01:30 (America/New_York, UTC\u221204:00, then UTC\u221205:00)",
            When(Window("2026-11-01T00:30:00-04:00", "2026-11-01T01:30:00-05:00", "America/New_York")));

    [Theory]
    [InlineData("Mars/Olympus_Mons", "Mars/Olympus_Mons")]
    [InlineData("../../etc/passwd", "../../etc/passwd")]
    [InlineData("America", "America")]
    [InlineData("/etc/hostname", "/etc/hostname")]
    [InlineData("Europe/London\0", "Europe/London")]
    [InlineData(null, "no time zone")]
    [InlineData("  ", "no time zone")]
    public void An_unknown_or_missing_zone_falls_back_to_utc_with_a_note(string? timezone, string noteMentions)
    {
        var body = TextBody(RenderingFixtures.SubmittedChange() with { Timezone = timezone });

        Assert.Contains("When:        Fri 4 Dec 2026 03:00 \u2013 04:30 (UTC)\n", body);
        var note = body.Split('\n').Single(line => line.Contains("shown in UTC", StringComparison.Ordinal));
        Assert.Contains(noteMentions, note);
        Assert.DoesNotContain('\0', body);
    }

    [Fact]
    public void A_known_zone_has_no_note() =>
        Assert.DoesNotContain("shown in UTC", TextBody(RenderingFixtures.SubmittedChange()));

    [Fact]
    public void Html_shows_the_same_schedule() =>
        Assert.Contains(
            "Fri 4 Dec 2026 03:00 \u2013 04:30 (Europe/London, UTC+00:00)",
            new NotificationRenderer(RenderingFixtures.Email(), new TemplateLibrary(null))
                .Render(NotificationKind.Announcement, RenderingFixtures.SubmittedChange() with { Timezone = "Europe/London" }, RenderingFixtures.Acme())
                .HtmlBody);
}
