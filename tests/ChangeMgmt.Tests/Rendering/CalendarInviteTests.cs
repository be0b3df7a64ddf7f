using System.Text;
using ChangeMgmt.Core.Changes;
using ChangeMgmt.Core.Rendering;

namespace ChangeMgmt.Tests.Rendering;

public class CalendarInviteTests
{
    private static readonly CalendarInvite Invite = new(RenderingFixtures.Email(), new FixedTimeProvider(RenderingFixtures.Now));

    private static string[] Lines(string ics) => Unfold(ics).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

    private static string Unfold(string ics) => ics.Replace("\r\n ", "", StringComparison.Ordinal);

    private static string Property(string ics, string name) =>
        Lines(ics).Single(line => line.StartsWith(name + ":", StringComparison.Ordinal) || line.StartsWith(name + ";", StringComparison.Ordinal));

    private static string Unescape(string value) =>
        value.Replace(@"\n", "\n").Replace(@"\,", ",").Replace(@"\;", ";").Replace(@"\\", @"\");

    [Fact]
    public void Request_is_the_exact_expected_calendar()
    {
        var ics = Invite.Build(RenderingFixtures.SubmittedChange(), CalendarMethod.Request);

        Assert.Equal(
            "BEGIN:VCALENDAR\r\n" +
            "VERSION:2.0\r\n" +
            "PRODID:-//ChangeMgmt//Change Notifications//EN\r\n" +
            "CALSCALE:GREGORIAN\r\n" +
            "METHOD:REQUEST\r\n" +
            "BEGIN:VEVENT\r\n" +
            "UID:CHG-20261130-7Q2K9D@msp.example\r\n" +
            "SEQUENCE:2\r\n" +
            "DTSTAMP:20261130T142045Z\r\n" +
            "DTSTART:20261204T030000Z\r\n" +
            "DTEND:20261204T043000Z\r\n" +
            "SUMMARY:CHG-20261130-7Q2K9D Rotate TLS certificates on shared ingress\r\n" +
            "DESCRIPTION:Rotate TLS certificates on shared ingress\\n\\nImpact: None expec\r\n" +
            " ted\\; a few seconds of reconnects possible.\\n\\nDetails: https://changes.ms\r\n" +
            " p.example/detail.html?id=CHG-20261130-7Q2K9D\r\n" +
            "URL:https://changes.msp.example/detail.html?id=CHG-20261130-7Q2K9D\r\n" +
            "ORGANIZER;CN=\"Change Management\":mailto:change-board@msp.example\r\n" +
            "STATUS:CONFIRMED\r\n" +
            "TRANSP:OPAQUE\r\n" +
            "END:VEVENT\r\n" +
            "END:VCALENDAR\r\n",
            ics);
    }

    [Fact]
    public void Cancel_replaces_the_same_event()
    {
        var approved = RenderingFixtures.SubmittedChange() with { Version = 3, Status = ChangeStatus.Approved };
        var cancelled = approved with { Version = 4, Status = ChangeStatus.Cancelled };

        var request = Invite.Build(approved, CalendarMethod.Request);
        var cancel = Invite.Build(cancelled, CalendarMethod.Cancel);

        Assert.Equal("METHOD:CANCEL", Property(cancel, "METHOD"));
        Assert.Equal("STATUS:CANCELLED", Property(cancel, "STATUS"));
        Assert.Equal("UID:CHG-20261130-7Q2K9D@msp.example", Property(request, "UID"));
        Assert.Equal(Property(request, "UID"), Property(cancel, "UID"));
        Assert.Equal("SEQUENCE:3", Property(request, "SEQUENCE"));
        Assert.Equal("SEQUENCE:4", Property(cancel, "SEQUENCE"));
    }

    [Fact]
    public void Uid_falls_back_to_a_fixed_domain_and_organizer_to_the_sender()
    {
        var invite = new CalendarInvite(RenderingFixtures.Email() with { Domain = null, MeetingOrganizer = null, SenderName = "MSP, Inc." });

        var ics = invite.Build(RenderingFixtures.SubmittedChange(), CalendarMethod.Request);

        Assert.Equal("UID:CHG-20261130-7Q2K9D@changemgmt", Property(ics, "UID"));
        Assert.Equal("ORGANIZER;CN=\"MSP, Inc.\":mailto:changes@msp.example", Property(ics, "ORGANIZER"));
    }

    [Fact]
    public void Times_are_utc_whatever_the_input_offset_and_zone()
    {
        var change = RenderingFixtures.SubmittedChange() with
        {
            ImplementationStart = DateTimeOffset.Parse("2026-12-04T08:30:00+05:30"),
            ImplementationEnd = DateTimeOffset.Parse("2026-12-04T10:00:00+05:30"),
            Timezone = "Asia/Kolkata",
        };
        var invite = new CalendarInvite(RenderingFixtures.Email(), new FixedTimeProvider(DateTimeOffset.Parse("2026-11-30T09:20:45-05:00")));

        var ics = invite.Build(change, CalendarMethod.Request);

        Assert.Equal("DTSTART:20261204T030000Z", Property(ics, "DTSTART"));
        Assert.Equal("DTEND:20261204T043000Z", Property(ics, "DTEND"));
        Assert.Equal("DTSTAMP:20261130T142045Z", Property(ics, "DTSTAMP"));
    }

    [Fact]
    public void Text_values_are_escaped()
    {
        var change = RenderingFixtures.SubmittedChange() with { ChangeTitle = @"Patch a\b; reboot, then verify" + "\r\nsecond line" };

        var ics = Invite.Build(change, CalendarMethod.Request);

        Assert.Equal(@"SUMMARY:CHG-20261130-7Q2K9D Patch a\\b\; reboot\, then verify\nsecond line", Property(ics, "SUMMARY"));
    }

    [Fact]
    public void Every_line_ends_with_crlf_and_no_bare_newline_appears()
    {
        var ics = Invite.Build(RenderingFixtures.SubmittedChange() with { ImplementationPlan = "a\nb", CustomerImpact = "x\ny\rz" }, CalendarMethod.Request);

        Assert.EndsWith("\r\n", ics);
        Assert.DoesNotContain("\r\n\r\n", ics);
        Assert.Equal(ics.Count(c => c == '\n'), ics.Split("\r\n").Length - 1);
        Assert.Equal(ics.Count(c => c == '\r'), ics.Split("\r\n").Length - 1);
    }

    [Fact]
    public void Long_multibyte_title_folds_at_75_octets_and_unfolds_back()
    {
        var title = string.Concat(Enumerable.Repeat("Zertifikate tauschen – Größe 東京 🔐 ", 7))[..200];
        Assert.Equal(200, title.Length);
        var change = RenderingFixtures.SubmittedChange() with { ChangeTitle = title };

        var ics = Invite.Build(change, CalendarMethod.Request);

        var physical = ics.Split("\r\n");
        Assert.All(physical, line => Assert.True(Encoding.UTF8.GetByteCount(line) <= 75, $"{Encoding.UTF8.GetByteCount(line)} octets: {line}"));
        Assert.Contains(physical, line => line.StartsWith(' '));
        Assert.DoesNotContain('\uFFFD', Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(ics)));
        Assert.All(physical, line => Assert.False(line.Length > 0 && char.IsHighSurrogate(line[^1]), "a surrogate pair was split"));
        var summary = Property(ics, "SUMMARY")["SUMMARY:".Length..];
        Assert.Equal($"{RenderingFixtures.ChangeId} {title}", Unescape(summary));
    }

    [Fact]
    public void Folding_splits_on_octets_not_characters()
    {
        var folded = new CalendarInvite(RenderingFixtures.Email()).Build(
            RenderingFixtures.SubmittedChange() with { ChangeTitle = new string('é', 100) }, CalendarMethod.Request);

        var summaryLines = folded.Split("\r\n").SkipWhile(l => !l.StartsWith("SUMMARY:", StringComparison.Ordinal)).Take(3).ToArray();

        // "SUMMARY:CHG-20261130-7Q2K9D " is 28 octets; 23 two-octet characters fill the first line to 74.
        Assert.Equal(74, Encoding.UTF8.GetByteCount(summaryLines[0]));
        Assert.Equal(75, Encoding.UTF8.GetByteCount(summaryLines[1]));
        Assert.StartsWith(" é", summaryLines[1]);
    }

    [Theory]
    [InlineData(true, false, "implementationStart")]
    [InlineData(false, true, "implementationEnd")]
    public void A_change_without_a_window_cannot_be_an_invite(bool dropStart, bool dropEnd, string field)
    {
        var change = RenderingFixtures.SubmittedChange();
        change = change with
        {
            ImplementationStart = dropStart ? null : change.ImplementationStart,
            ImplementationEnd = dropEnd ? null : change.ImplementationEnd,
        };

        var error = Assert.Throws<InvalidOperationException>(() => Invite.Build(change, CalendarMethod.Cancel));

        Assert.Contains(RenderingFixtures.ChangeId, error.Message);
        Assert.Contains(field, error.Message);
    }

    [Fact]
    public void Attachment_is_utf8_without_bom_and_names_its_method()
    {
        var attachment = Invite.ToAttachment(RenderingFixtures.SubmittedChange(), CalendarMethod.Cancel);

        Assert.Equal(new EmailAttachmentShape("invite.ics", "text/calendar; method=CANCEL; charset=UTF-8", "CANCEL"),
            new EmailAttachmentShape(attachment.FileName, attachment.ContentType, attachment.Method));
        Assert.Equal((byte)'B', attachment.Content[0]);
        Assert.Equal(Invite.Build(RenderingFixtures.SubmittedChange(), CalendarMethod.Cancel), Encoding.UTF8.GetString(attachment.Content));
    }

    private sealed record EmailAttachmentShape(string FileName, string ContentType, string? Method);
}
