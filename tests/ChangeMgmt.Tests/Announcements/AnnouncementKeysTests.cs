using System.Text.RegularExpressions;
using ChangeMgmt.Core.Announcements;
using ChangeMgmt.Core.Changes;

namespace ChangeMgmt.Tests.Announcements;

public sealed class AnnouncementKeysTests
{
    private const string Id = "ANN-20261201-4MX8TP";

    [Fact]
    public void An_announcement_lives_under_the_changes_prefixes()
    {
        Assert.Equal("archive/ANN-20261201-4MX8TP.json", AnnouncementKeys.Archive(Id));
        Assert.Equal("drafts/ANN-20261201-4MX8TP.json", AnnouncementKeys.Draft(Id));
        Assert.Equal("versions/ANN-20261201-4MX8TP/v3.json", AnnouncementKeys.Version(Id, 3));
        Assert.Equal("customers/acme/ANN-20261201-4MX8TP.json", AnnouncementKeys.CustomerTrigger("acme", Id));
        Assert.All(new[] { AnnouncementKeys.Archive(Id), AnnouncementKeys.Version(Id, 1), AnnouncementKeys.CustomerTrigger("acme", Id) },
            key => Assert.Contains(StorageLayout.Prefixes, p => key.StartsWith(p, StringComparison.Ordinal)));
    }

    [Fact]
    public void Attachments_sit_under_the_archive_objects_prefix_with_the_name_as_one_segment()
    {
        Assert.Equal("archive/ANN-20261201-4MX8TP/attachments/q4%20report.pdf", AnnouncementKeys.Attachment(Id, "q4 report.pdf"));
        Assert.Equal("archive/ANN-20261201-4MX8TP/attachments/..%2F..%2Fx.pdf", AnnouncementKeys.Attachment(Id, "../../x.pdf"));
        Assert.False(AnnouncementKeys.IsArchive(AnnouncementKeys.Attachment(Id, "notes.txt")));
    }

    [Fact]
    public void Only_an_announcements_archive_object_is_one()
    {
        Assert.True(AnnouncementKeys.IsArchive(AnnouncementKeys.Archive(Id)));
        Assert.False(AnnouncementKeys.IsArchive("archive/CHG-20261130-7Q2K9D.json"));
        Assert.False(AnnouncementKeys.IsArchive("versions/ANN-20261201-4MX8TP/v1.json"));
    }

    [Theory]
    [InlineData("CHG-20261130-7Q2K9D")]
    [InlineData("ANN-../x")]
    [InlineData("")]
    public void A_key_is_never_made_from_something_that_is_not_an_announcement_id(string id) =>
        Assert.Throws<ArgumentException>(() => AnnouncementKeys.Archive(id));

    [Fact]
    public void New_ids_have_the_date_and_six_unambiguous_characters_and_are_valid()
    {
        var id = AnnouncementId.New(new DateTimeOffset(2026, 12, 1, 23, 30, 0, TimeSpan.FromHours(-5)));

        Assert.Matches(new Regex("^ANN-20261202-[0-9A-HJKMNP-TV-Z]{6}$"), id);
        Assert.True(AnnouncementId.IsValid(id));
        Assert.False(AnnouncementId.IsValid("CHG-20261202-ABCDEF"));
        Assert.False(ChangeId.IsValid(id));
    }
}
