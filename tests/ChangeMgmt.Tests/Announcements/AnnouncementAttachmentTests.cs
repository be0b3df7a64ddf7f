using ChangeMgmt.Core.Announcements;
using ChangeMgmt.Core.Changes;
using ChangeMgmt.Core.Ports;
using ChangeMgmt.Tests.Ports;

namespace ChangeMgmt.Tests.Announcements;

/// <summary>AnnouncementService.AddAttachmentAsync/RemoveAttachmentAsync on an in-memory bucket: bytes, metadata, versions, rules.</summary>
public sealed class AnnouncementAttachmentTests
{
    private const string Jane = "jane@msp.example";

    private readonly InMemoryObjectStore store = new();
    private readonly AnnouncementService service;

    public AnnouncementAttachmentTests() => service = new(store, AnnouncementFixtures.Config, new ManualClock(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero)));

    private Task<Announcement> DraftAsync() => service.CreateAsync(AnnouncementServiceTests.Complete("finops", "acme"), Jane, default);

    private Task<AnnouncementWriteResult> AddAsync(Announcement a, string name, byte[] bytes, string? type = null, int? version = null) =>
        service.AddAttachmentAsync(a.AnnouncementId, name, type, new MemoryStream(bytes), version ?? a.Version, Jane, default);

    private async Task<int> ObjectsUnderAsync(string id) =>
        (await store.ListAllKeysAsync(AnnouncementKeys.AttachmentsOf(id), default).ToListAsync()).Count;

    [Fact]
    public async Task Adding_stores_the_bytes_under_the_announcements_prefix_and_records_them_in_a_new_version()
    {
        var draft = await DraftAsync();

        var written = (await AddAsync(draft, "q4 report.pdf", [1, 2, 3], "application/pdf")).Announcement;

        var attachment = Assert.Single(written.Attachments!);
        Assert.Equal(("q4 report.pdf", "application/pdf", 3L, AnnouncementKeys.Attachment(draft.AnnouncementId, "q4 report.pdf")),
            (attachment.Name, attachment.ContentType, attachment.Size, attachment.Key));
        Assert.Equal(2, written.Version);
        Assert.Equal("attachment added", written.Modifications[^1].ModificationType);
        Assert.Equal([1, 2, 3], (await store.GetAsync(attachment.Key!, default))!.Content);
        var stored = (await service.GetAsync(draft.AnnouncementId, default)).Announcement;
        Assert.Equal((2, attachment), (stored.Version, Assert.Single(stored.Attachments!) with { Extra = null }));
    }

    [Fact]
    public async Task Without_a_content_type_the_extension_gives_it_and_the_same_name_replaces_the_file()
    {
        var draft = await DraftAsync();
        var first = (await AddAsync(draft, "notes.txt", [1])).Announcement;

        var second = (await AddAsync(first, "notes.txt", [1, 2], "text/plain; charset=utf-8")).Announcement;

        var attachment = Assert.Single(second.Attachments!);
        Assert.Equal(("text/plain", 2L), (attachment.ContentType, attachment.Size));
        Assert.Equal("text/plain", first.Attachments![0].ContentType);
        Assert.Equal([1, 2], (await store.GetAsync(attachment.Key!, default))!.Content);
    }

    [Fact]
    public async Task A_type_not_allowed_names_the_file_and_the_allowed_types_and_writes_nothing()
    {
        var draft = await DraftAsync();

        var error = await Assert.ThrowsAsync<ChangeValidationException>(() => AddAsync(draft, "setup.exe", [1]));

        var field = Assert.Single(error.Errors);
        Assert.Equal("attachments[0].name", field.Field);
        Assert.Contains("Attachment 'setup.exe': type not allowed; allowed: .pdf, .png", field.Message);
        Assert.StartsWith("The announcement is not valid", error.Message);
        Assert.Equal(0, await ObjectsUnderAsync(draft.AnnouncementId));
        Assert.Equal(1, (await service.GetAsync(draft.AnnouncementId, default)).Announcement.Version);
    }

    [Fact]
    public async Task A_content_type_that_does_not_match_the_extension_is_refused()
    {
        var draft = await DraftAsync();

        var error = await Assert.ThrowsAsync<ChangeValidationException>(() => AddAsync(draft, "report.pdf", [1], "text/html"));

        Assert.Contains("a .pdf file is application/pdf", Assert.Single(error.Errors).Message);
    }

    [Fact]
    public async Task Files_over_seven_megabytes_together_or_more_than_ten_are_refused()
    {
        var draft = await DraftAsync();
        var big = (await AddAsync(draft, "a.pdf", new byte[4 * 1024 * 1024])).Announcement;

        var tooLarge = await Assert.ThrowsAsync<ChangeValidationException>(() => AddAsync(big, "b.pdf", new byte[3 * 1024 * 1024 + 1]));
        Assert.Contains("Link the larger files", Assert.Single(tooLarge.Errors).Message);
        var oneFile = await Assert.ThrowsAsync<ChangeValidationException>(() => AddAsync(draft, "c.pdf", new byte[AttachmentRules.MaxTotalBytes + 1], version: big.Version));
        Assert.Contains("Attachment 'c.pdf': larger than the 7 MB", Assert.Single(oneFile.Errors).Message);

        var many = big;
        for (var i = 1; i < AttachmentRules.MaxCount; i++) many = (await AddAsync(many, $"n{i}.txt", [1])).Announcement;
        var eleventh = await Assert.ThrowsAsync<ChangeValidationException>(() => AddAsync(many, "n10.txt", [1]));
        Assert.Contains("At most 10 attachments", Assert.Single(eleventh.Errors).Message);
        Assert.Equal(AttachmentRules.MaxCount, await ObjectsUnderAsync(draft.AnnouncementId));
    }

    [Fact]
    public async Task A_stale_version_is_a_conflict_and_writes_no_bytes()
    {
        var draft = await DraftAsync();
        await service.UpdateAsync(draft.AnnouncementId, 1, draft with { Title = "Edited" }, Jane, default);

        await Assert.ThrowsAsync<ChangeVersionConflictException>(() => AddAsync(draft, "a.pdf", [1], version: 1));

        Assert.Equal(0, await ObjectsUnderAsync(draft.AnnouncementId));
    }

    [Fact]
    public async Task A_sent_announcement_takes_no_attachments()
    {
        var draft = await service.CreateAsync(AnnouncementServiceTests.Complete("general", "acme"), Jane, default);
        var sent = (await service.ApplyAsync(draft.AnnouncementId, AnnouncementAction.Submit, Jane, 1, ChangeActionRequest.None, default)).Announcement;

        var error = await Assert.ThrowsAsync<AnnouncementTransitionException>(() => AddAsync(sent, "a.pdf", [1]));

        Assert.Contains("approved", error.Message);
        Assert.Equal(0, await ObjectsUnderAsync(draft.AnnouncementId));
    }

    [Fact]
    public async Task Removing_drops_the_metadata_in_a_new_version_then_the_object()
    {
        var draft = await DraftAsync();
        var with = (await AddAsync(draft, "a.pdf", [1])).Announcement;
        with = (await AddAsync(with, "b.png", [2])).Announcement;

        var without = (await service.RemoveAttachmentAsync(draft.AnnouncementId, "a.pdf", with.Version, Jane, default)).Announcement;

        Assert.Equal(["b.png"], without.Attachments!.Select(a => a.Name));
        Assert.Equal((4, "attachment removed"), (without.Version, without.Modifications[^1].ModificationType));
        Assert.Null(await store.GetAsync(AnnouncementKeys.Attachment(draft.AnnouncementId, "a.pdf"), default));
        Assert.NotNull(await store.GetAsync(AnnouncementKeys.Attachment(draft.AnnouncementId, "b.png"), default));
        await Assert.ThrowsAsync<AnnouncementNotFoundException>(() => service.RemoveAttachmentAsync(draft.AnnouncementId, "a.pdf", without.Version, Jane, default));
    }
}
