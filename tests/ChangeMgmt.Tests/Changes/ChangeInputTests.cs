using System.Text;
using System.Text.Json.Nodes;
using ChangeMgmt.Core.Changes;

namespace ChangeMgmt.Tests.Changes;

/// <summary>Change input (API bodies, cmdlet files): schedule times without an offset are wall clocks in the change's zone.</summary>
public sealed class ChangeInputTests
{
    private static Change Read(string? start, string? timezone, string? end = null)
    {
        var body = new JsonObject { ["changeTitle"] = "Patch", ["implementationStart"] = start, ["implementationEnd"] = end, ["timezone"] = timezone };
        return ChangeInput.Read(Encoding.UTF8.GetBytes(body.ToJsonString()), "test");
    }

    private static DateTimeOffset At(int month, int day, int hour, int minute, int offsetHours) =>
        new(2026, month, day, hour, minute, 0, TimeSpan.FromHours(offsetHours));

    [Fact]
    public void A_time_without_offset_is_read_in_the_changes_zone_not_as_utc()
    {
        var change = Read("2026-12-10T22:00:00", "America/New_York", "2026-12-10T23:30");

        Assert.Equal(At(12, 10, 22, 0, -5), change.ImplementationStart);
        Assert.Equal(TimeSpan.FromHours(-5), change.ImplementationStart!.Value.Offset);
        Assert.Equal(new DateTimeOffset(2026, 12, 11, 4, 30, 0, TimeSpan.Zero), change.ImplementationEnd);
        Assert.Equal(At(7, 1, 22, 0, 2), Read("2026-07-01T22:00:00", "Europe/Berlin").ImplementationStart);
        Assert.Equal(At(7, 1, 0, 0, 2), Read("2026-07-01", "Europe/Berlin").ImplementationStart);
    }

    [Fact]
    public void A_wall_clock_in_the_spring_gap_moves_forward_and_one_in_the_autumn_overlap_is_the_first()
    {
        var gap = Read("2026-03-08T02:30:00", "America/New_York").ImplementationStart!.Value;
        var overlap = Read("2026-11-01T01:30:00", "America/New_York").ImplementationStart!.Value;

        Assert.Equal((At(3, 8, 3, 30, -4), TimeSpan.FromHours(-4)), (gap, gap.Offset));
        Assert.Equal((At(11, 1, 1, 30, -4), TimeSpan.FromHours(-4)), (overlap, overlap.Offset));
    }

    [Fact]
    public void Times_with_an_offset_are_kept_as_written()
    {
        var change = Read("2026-12-10T22:00:00+01:00", "America/New_York", "2026-12-10T23:00:00Z");

        Assert.Equal((At(12, 10, 22, 0, 1), TimeSpan.FromHours(1)), (change.ImplementationStart!.Value, change.ImplementationStart!.Value.Offset));
        Assert.Equal(At(12, 10, 23, 0, 0), change.ImplementationEnd);
    }

    [Fact]
    public void A_time_without_offset_and_no_timezone_is_refused_naming_the_field()
    {
        var refused = Assert.Throws<ChangeValidationException>(() => Read("2026-12-10T22:00:00", null, "2026-12-10T23:00:00"));

        Assert.Equal(["implementationStart", "implementationEnd"], refused.Errors.Select(e => e.Field));
        Assert.Contains("no UTC offset", refused.Errors[0].Message);
        Assert.Contains("America/New_York", refused.Errors[0].Message);
    }

    [Fact]
    public void A_time_without_offset_in_a_refused_zone_names_both_fields()
    {
        var refused = Assert.Throws<ChangeValidationException>(() => Read("2026-12-10T22:00:00", "EST"));

        Assert.Equal(["implementationStart", "timezone"], refused.Errors.Select(e => e.Field));
    }

    [Fact]
    public void A_zone_given_beside_a_file_reads_its_times_without_offset()
    {
        var body = new JsonObject { ["implementationStart"] = "2026-12-10T22:00:00", ["implementationEnd"] = "2026-12-10T23:00:00-05:00" };

        var change = ChangeInput.Read(Encoding.UTF8.GetBytes(body.ToJsonString()), "file", "Asia/Tokyo");

        Assert.Equal(At(12, 10, 22, 0, 9), change.ImplementationStart);
        Assert.Equal(At(12, 10, 23, 0, -5), change.ImplementationEnd);
        Assert.Null(change.Timezone);
    }

    [Fact]
    public void Field_names_are_matched_as_the_serializer_matches_them_and_a_repeated_one_is_refused()
    {
        var pascal = ChangeInput.Read("""{"ImplementationStart":"2026-12-10T22:00:00","Timezone":"America/New_York"}"""u8, "pascal");
        var repeated = Assert.Throws<InvalidDataException>(() => ChangeInput.Read("""{"timezone":"UTC","timezone":"Asia/Tokyo"}"""u8, "repeated"));

        Assert.Equal(At(12, 10, 22, 0, -5), pascal.ImplementationStart);
        Assert.Contains("more than once", repeated.Message);
    }

    [Fact]
    public void An_iana_alias_becomes_its_canonical_name_and_an_abbreviation_stays_as_written()
    {
        Assert.Equal("Asia/Kolkata", Read("2026-12-10T22:00:00", "Asia/Calcutta").Timezone);
        Assert.Equal("America/New_York", Read(null, "US/Eastern").Timezone);
        Assert.Equal("America/New_York", Read(null, "America/New_York").Timezone);
        Assert.Equal("EST", Read(null, "EST").Timezone);
    }

    [Fact]
    public void The_shared_fixture_reads_as_the_stored_form_does()
    {
        var bytes = SharedFixtures.Bytes("change-submitted.json");

        Assert.Equal(ChangeJson.Serialize(ChangeJson.Deserialize(bytes, "fixture")), ChangeJson.Serialize(ChangeInput.Read(bytes, "fixture")));
    }

    [Fact]
    public void A_change_file_larger_than_a_request_body_is_refused()
    {
        var huge = new JsonObject { ["changeTitle"] = new string('x', ChangeLimits.MaxBodyBytes) };

        var refused = Assert.Throws<InvalidDataException>(() => ChangeInput.Read(Encoding.UTF8.GetBytes(huge.ToJsonString()), "big.json"));
        Assert.Contains("1,024 KiB", refused.Message);
    }
}
