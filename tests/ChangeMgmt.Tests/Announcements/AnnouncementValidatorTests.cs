using ChangeMgmt.Core.Announcements;
using ChangeMgmt.Core.Changes;
using ChangeMgmt.Core.Configuration;

namespace ChangeMgmt.Tests.Announcements;

public sealed class AnnouncementValidatorTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    private static Announcement Valid() => AnnouncementFixtures.Original() with { Status = AnnouncementStatus.Draft };

    private static IReadOnlyList<FieldError> Errors(Announcement a, bool complete = false, ChangeMgmtConfig? config = null) =>
        AnnouncementValidator.Validate(a, config ?? AnnouncementFixtures.Config, complete, Now);

    private static FieldError Only(IReadOnlyList<FieldError> errors, string field) =>
        Assert.Single(errors, e => e.Field == field);

    [Fact]
    public void The_original_announcement_is_complete() => Assert.Empty(Errors(Valid(), complete: true));

    [Fact]
    public void A_draft_needs_only_sound_values_and_a_submitted_one_everything()
    {
        var empty = new Announcement();

        Assert.Empty(Errors(empty));
        Assert.Equal(["announcement_type", "content", "customers", "summary", "title"],
            Errors(empty, complete: true).Select(e => e.Field).Order());
    }

    [Fact]
    public void Text_fields_have_limits_and_the_error_names_the_field()
    {
        var errors = Errors(Valid() with
        {
            Title = new string('t', AnnouncementLimits.Title + 1),
            Summary = new string('s', AnnouncementLimits.Summary + 1),
            Content = new string('c', AnnouncementLimits.Content + 1),
        });

        Assert.Equal(["content", "summary", "title"], errors.Select(e => e.Field).Order());
        Assert.Contains("At most 200 characters", Only(errors, "title").Message);
        Assert.Empty(Errors(Valid() with { Title = new string('t', AnnouncementLimits.Title) }));
    }

    [Fact]
    public void Customers_must_be_configured_and_listed_once()
    {
        var errors = Errors(Valid() with { Customers = ["acme", "initech", "acme"] });

        Assert.Equal(2, errors.Count(e => e.Field == "customers"));
        Assert.Contains(errors, e => e.Message.Contains("'initech' is not a configured customer"));
    }

    [Theory]
    [InlineData("general")]
    [InlineData("CIC")]
    [InlineData("FinOps")]
    [InlineData("innersource")]
    public void The_default_types_are_known_whatever_their_case(string type) =>
        Assert.Empty(Errors(Valid() with { AnnouncementType = type }));

    [Fact]
    public void Configured_types_replace_the_defaults_and_an_unknown_type_names_the_known_ones()
    {
        var config = AnnouncementFixtures.Config with { AnnouncementTypes = [new() { Name = "security", Topic = "aws-announce" }] };

        Assert.Empty(Errors(Valid() with { AnnouncementType = "security" }, config: config));
        var error = Only(Errors(Valid() with { AnnouncementType = "FinOps" }, config: config), "announcement_type");
        Assert.Contains("use one of security", error.Message);
    }

    [Theory]
    [InlineData("EST", "legacy abbreviation")]
    [InlineData("Eastern Standard Time", "Windows time zone name")]
    [InlineData("Mars/Olympus", "not an IANA time zone")]
    public void The_event_zone_is_an_iana_zone(string zone, string hint) =>
        Assert.Contains(hint, Only(Errors(Valid() with { MeetingTimezone = zone }), "meeting_timezone").Message);

    [Theory]
    [InlineData(0)]
    [InlineData(-30)]
    [InlineData(AnnouncementLimits.MeetingDurationMinutes + 1)]
    public void The_event_lasts_from_a_minute_to_a_week(int minutes) =>
        Assert.Contains("Minutes from 1 to", Only(Errors(Valid() with { MeetingDuration = minutes }), "meeting_duration").Message);

    [Fact]
    public void An_event_needs_date_zone_and_duration_at_submit_and_a_readable_date_always()
    {
        var incomplete = Valid() with { MeetingDate = null, MeetingTimezone = null, MeetingDuration = null };

        Assert.Empty(Errors(incomplete));
        Assert.Equal(["meeting_date", "meeting_duration", "meeting_timezone"], Errors(incomplete, complete: true).Select(e => e.Field).Order());
        Assert.Contains("not a date and time", Only(Errors(Valid() with { MeetingDate = "next Tuesday" }), "meeting_date").Message);
        Assert.Empty(Errors((Valid() with { IncludeMeeting = false, MeetingDate = "next Tuesday" }), complete: true));
    }

    [Fact]
    public void Attendees_are_email_addresses() =>
        Assert.Contains("'finance team' is not an email address", Only(Errors(Valid() with { Attendees = ["finance team"] }), "attendees").Message);

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("/relative/path")]
    [InlineData("ftp://files.example/x")]
    public void Links_are_absolute_http_or_https(string url) =>
        Assert.Single(Errors(Valid() with { Links = [new() { Title = "x", Url = "https://ok.example" }, new() { Url = url }] }), e => e.Field == "links[1].url");

    [Fact]
    public void Attachments_are_allowed_types_of_matching_content_type_under_the_limit_and_the_announcements_prefix()
    {
        var prefix = AnnouncementKeys.AttachmentsOf("ANN-20261201-4MX8TP");
        AnnouncementAttachment File(string name, long size, string? type = null, string? key = null) =>
            new() { Name = name, Size = size, ContentType = type, Key = key ?? prefix + name };

        var errors = Errors(Valid() with
        {
            Attachments =
            [
                File("ok.xlsx", 1000), File("setup.exe", 1000), File("a.pdf", 1000, "text/html"),
                File("../x.pdf", 1000), File("empty.txt", 0), File("b.png", 1000, key: "archive/ANN-20261201-OTHER1/attachments/b.png"),
            ],
        });

        Assert.Equal(["attachments[1].name", "attachments[2].content_type", "attachments[3].name", "attachments[4].size", "attachments[5].key"],
            errors.Select(e => e.Field).Order());
        Assert.Contains(".pdf", Only(errors, "attachments[1].name").Message);
    }

    [Fact]
    public void Attachments_take_at_most_seven_megabytes_together()
    {
        var prefix = AnnouncementKeys.AttachmentsOf("ANN-20261201-4MX8TP");
        AnnouncementAttachment File(string name, long size) => new() { Name = name, Size = size, Key = prefix + name };

        Assert.Empty(Errors(Valid() with { Attachments = [File("a.pdf", 4 * 1024 * 1024), File("b.pdf", 3 * 1024 * 1024)] }));
        Assert.Contains("Link the larger files", Only(Errors(Valid() with { Attachments = [File("a.pdf", 4 * 1024 * 1024), File("b.pdf", 3 * 1024 * 1024 + 1)] }), "attachments").Message);
    }

    [Fact]
    public void Publish_time_must_be_ahead_only_at_submit()
    {
        var past = Valid() with { PublishAt = Now.AddMinutes(-1) };

        Assert.Empty(Errors(past));
        Assert.Contains("has passed", Only(Errors(past, complete: true), "publishAt").Message);
        Assert.Empty(Errors(Valid() with { PublishAt = Now.AddMinutes(1) }, complete: true));
    }

    [Fact]
    public void Content_nested_past_the_parsers_limit_is_refused_at_save()
    {
        var content = new string('>', 5_000) + " deep";

        Assert.Contains("nested too deeply", Only(Errors(Valid() with { Content = content }), "content").Message);
    }

    [Fact]
    public void A_malformed_id_is_named()
    {
        Assert.Contains("ANN-", Only(Errors(Valid() with { AnnouncementId = "CHG-20261201-4MX8TP" }), "announcement_id").Message);
    }
}
