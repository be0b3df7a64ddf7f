using ChangeMgmt.Core.Freezes;
using ChangeMgmt.Tests.Announcements;
using static ChangeMgmt.Tests.Freezes.Freezes;

namespace ChangeMgmt.Tests.Freezes;

public sealed class FreezeValidatorTests
{
    private static readonly ChangeFreeze Valid = Timed(Utc(2026, 12, 24, 18), Utc(2026, 12, 27, 8), "Europe/London", "FREQ=YEARLY;COUNT=3", "acme");

    private static IReadOnlyList<string> Fields(ChangeFreeze freeze) =>
        [.. FreezeValidator.Validate(freeze, AnnouncementServiceTests.Config).Select(e => e.Field)];

    private static string Message(ChangeFreeze freeze, string field) =>
        Assert.Single(FreezeValidator.Validate(freeze, AnnouncementServiceTests.Config), e => e.Field == field).Message;

    [Fact]
    public void A_complete_freeze_has_no_errors()
    {
        Assert.Empty(Fields(Valid));
        Assert.Empty(Fields(AllDay(new(2026, 12, 24), new(2026, 12, 24), "Pacific/Auckland")));
    }

    [Theory]
    [InlineData("FREQ=SOMETIMES")]
    [InlineData("RRULE:FREQ=DAILY")]
    [InlineData("FREQ=WEEKLY;BYDAY=XX")]
    [InlineData("FREQ=DAILY;COUNT=3;UNTIL=20270101T000000Z")]
    [InlineData("COUNT=3")]
    [InlineData("")]
    [InlineData("FREQ=MINUTELY")]
    public void A_bad_rule_names_recurrence_and_shows_a_valid_one(string rule)
    {
        Assert.Contains("FREQ=WEEKLY;BYDAY=FR;UNTIL=", Message(Valid with { Recurrence = rule }, "recurrence"));
    }

    [Fact]
    public void A_rule_that_never_occurs_is_refused()
    {
        Assert.Contains("never occurs", Message(Valid with { Recurrence = "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30" }, "recurrence"));
    }

    [Fact]
    public void An_end_at_or_before_the_start_names_end()
    {
        Assert.Equal(["end"], Fields(Valid with { End = Valid.Start }));
        Assert.Equal(["endDate"], Fields(AllDay(new(2026, 12, 24), new(2026, 12, 23), "UTC")));
    }

    [Fact]
    public void Timed_and_all_day_together_or_neither_are_refused()
    {
        Assert.Contains("not both", Message(Valid with { StartDate = new(2026, 12, 24), EndDate = new(2026, 12, 24) }, "start"));
        Assert.Contains("startDate and endDate", Message(Valid with { Start = null, End = null }, "start"));
        Assert.Equal(["end"], Fields(Valid with { End = null }));
    }

    [Theory]
    [InlineData("Mars/Olympus_Mons", "not an IANA time zone")]
    [InlineData("EST", "America/New_York")]
    [InlineData("", "Give the zone")]
    public void An_unusable_zone_names_timezone_with_the_fix(string zone, string fix)
    {
        Assert.Contains(fix, Message(Valid with { Timezone = zone }, "timezone"));
    }

    [Fact]
    public void An_unknown_customer_is_named()
    {
        Assert.Contains("'hooli'", Message(Valid with { Customers = ["acme", "hooli"] }, "customers"));
    }

    [Fact]
    public void A_name_and_a_reason_are_required()
    {
        Assert.Equal(["name", "reason"], Fields(Valid with { Name = " ", Reason = null }));
        Assert.Equal(["name"], Fields(Valid with { Name = new string('x', FreezeValidator.MaxName + 1) }));
    }
}
