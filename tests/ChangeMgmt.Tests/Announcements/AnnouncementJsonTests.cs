using System.Text;
using System.Text.Json.Nodes;
using ChangeMgmt.Core.Announcements;
using ChangeMgmt.Core.Changes;

namespace ChangeMgmt.Tests.Announcements;

public sealed class AnnouncementJsonTests
{
    private static readonly string[] DateFields = ["createdAt", "modifiedAt", "submittedAt"];

    [Fact]
    public void Original_announcement_is_read_with_every_field()
    {
        var a = AnnouncementFixtures.Original();

        Assert.Equal("announcement", a.ObjectType);
        Assert.Equal("ANN-20261201-4MX8TP", a.AnnouncementId);
        Assert.Equal("FinOps", a.AnnouncementType);
        Assert.Equal("Quarterly cost review and savings plan renewal", a.Title);
        Assert.StartsWith("Your Q4 cost report", a.Summary);
        Assert.StartsWith("## What changed", a.Content);
        Assert.Equal(["acme", "globex"], a.Customers);
        Assert.True(a.IncludeMeeting);
        Assert.Equal("2026-12-10T10:00:00", a.MeetingDate);
        Assert.Equal("America/New_York", a.MeetingTimezone);
        Assert.Equal(60, a.MeetingDuration);
        Assert.Equal("Microsoft Teams", a.MeetingLocation);
        Assert.Equal(["finops@msp.example", "jane.doe@msp.example"], a.Attendees);
        var attachment = Assert.Single(a.Attachments!);
        Assert.Equal(("q4-cost-report.pdf", "application/pdf", 482113L), (attachment.Name, attachment.ContentType, attachment.Size));
        Assert.Equal(AnnouncementStatus.Submitted, a.Status);
        Assert.Equal(2, a.Version);
        Assert.Equal("jane.doe@msp.example", a.SubmittedBy);
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 9, 40, 12, TimeSpan.Zero), a.SubmittedAt);
        Assert.Equal(["created", "submitted"], a.Modifications.Select(m => m.ModificationType));
        Assert.Equal("normal", a.Extra!["priority"].GetString());
        Assert.Equal("AAMkAGI2", a.Extra["meeting_metadata"].GetProperty("meeting_id").GetString());
        Assert.DoesNotContain("object_type", a.Extra.Keys);
    }

    [Fact]
    public void Original_announcement_round_trips_losing_nothing()
    {
        var original = JsonNode.Parse(AnnouncementFixtures.OriginalBytes())!.AsObject();

        var written = JsonNode.Parse(AnnouncementJson.Serialize(AnnouncementFixtures.Original()))!.AsObject();

        foreach (var (name, value) in original)
        {
            Assert.True(written.ContainsKey(name), $"'{name}' was dropped");
            if (DateFields.Contains(name))
                Assert.Equal(DateTimeOffset.Parse((string)value!), DateTimeOffset.Parse((string)written[name]!));
            else if (name != "modifications")
                Assert.True(JsonNode.DeepEquals(value, written[name]), $"'{name}': {value?.ToJsonString()} became {written[name]?.ToJsonString()}");
        }
        Assert.Equal(original["modifications"]!.AsArray().Count, written["modifications"]!.AsArray().Count);
        Assert.Equal(original.Count, written.Count);
    }

    [Fact]
    public void A_new_announcement_is_written_with_its_object_type_so_the_parser_can_tell_it_from_a_change()
    {
        var json = AnnouncementJson.Serialize(new Announcement { AnnouncementId = "ANN-20261201-AAAAAA", Title = "Hello" });

        Assert.Equal("announcement", (string?)JsonNode.Parse(json)!["object_type"]);
        Assert.Equal(ObjectKind.Announcement, StoredObjectKind.Of(json));
        Assert.Equal("draft", (string?)JsonNode.Parse(json)!["status"]);
    }

    [Fact]
    public void The_original_meeting_fields_give_an_event_at_that_wall_clock_time_in_its_zone()
    {
        var errors = new List<FieldError>();

        var e = AnnouncementEvent.Of(AnnouncementFixtures.Original(), errors);

        Assert.Empty(errors);
        Assert.NotNull(e);
        Assert.Equal(new DateTimeOffset(2026, 12, 10, 10, 0, 0, TimeSpan.FromHours(-5)), e.Start);
        Assert.Equal(TimeSpan.FromHours(-5), e.Start.Offset);
        Assert.Equal(e.Start.AddHours(1), e.End);
        Assert.Equal(("America/New_York", "Microsoft Teams"), (e.Timezone, e.Location));
        Assert.Equal(2, e.Attendees.Count);
    }

    [Theory]
    [InlineData("2026-07-10T10:00:00", "America/New_York", "2026-07-10T10:00:00-04:00")]
    [InlineData("2026-07-10T10:00:00+02:00", "America/New_York", "2026-07-10T10:00:00+02:00")]
    [InlineData("2026-07-10T08:00:00Z", "Europe/Berlin", "2026-07-10T08:00:00+00:00")]
    public void A_meeting_date_with_an_offset_is_that_instant_and_without_one_a_wall_clock_time_in_the_zone(string date, string zone, string expected)
    {
        var e = AnnouncementEvent.Of(AnnouncementFixtures.Original() with { MeetingDate = date, MeetingTimezone = zone }, []);

        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), e!.Start);
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture).Offset, e.Start.Offset);
    }

    [Fact]
    public void A_wall_clock_meeting_date_without_a_usable_zone_says_so_in_the_announcements_words()
    {
        var errors = new List<FieldError>();

        Assert.Null(AnnouncementEvent.Of(AnnouncementFixtures.Original() with { MeetingTimezone = "EST" }, errors));

        var error = Assert.Single(errors);
        Assert.Equal("meeting_date", error.Field);
        Assert.Contains("meeting_timezone", error.Message);
        Assert.DoesNotContain("change", error.Message);
    }

    [Fact]
    public void No_event_without_include_meeting_even_when_meeting_fields_are_left_over()
    {
        var a = AnnouncementFixtures.Original() with { IncludeMeeting = false };

        Assert.Null(AnnouncementEvent.Of(a, []));
        Assert.False(a.HasEvent);
    }

    // Generated metadata (issue 25) left init-only defaults unset when a document leaves the field out (dotnet/runtime#84484).
    [Fact]
    public void A_document_leaving_out_the_defaulted_fields_reads_with_their_defaults()
    {
        var a = AnnouncementJson.Deserialize("""{"title":"Hello","links":[{"title":"Report"}],"attachments":[{"key":"k"}]}"""u8, "archive/ANN-1.json");

        Assert.Equal(("announcement", "", AnnouncementStatus.Draft), (a.ObjectType, a.AnnouncementId, a.Status));
        Assert.Empty(a.Customers);
        Assert.Empty(a.Modifications);
        Assert.Null(a.Extra);
        Assert.Equal("", Assert.Single(a.Links!).Url);
        Assert.Equal(("", "k"), (Assert.Single(a.Attachments!).Name, a.Attachments![0].Key));
    }

    [Fact]
    public void Unknown_fields_of_an_attachment_survive_a_round_trip()
    {
        var a = AnnouncementJson.Deserialize("""{"announcement_id":"ANN-1","attachments":[{"name":"a.pdf","checksum":"sha256:00"}]}"""u8, "t");

        Assert.Equal("sha256:00", a.Attachments![0].Extra!["checksum"].GetString());
        Assert.Equal("sha256:00", (string?)JsonNode.Parse(AnnouncementJson.Serialize(a))!["attachments"]![0]!["checksum"]);
    }

    [Fact]
    public void A_document_that_is_not_an_announcement_names_its_source_and_the_path()
    {
        var e = Assert.Throws<InvalidDataException>(() =>
            AnnouncementJson.Deserialize(Encoding.UTF8.GetBytes("""{"announcement_id":"ANN-1","status":"sent"}"""), "archive/ANN-1.json"));

        Assert.Contains("archive/ANN-1.json", e.Message);
        Assert.Contains("$.status", e.Message);
    }
}
