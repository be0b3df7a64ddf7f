using ChangeMgmt.Core.Changes;
using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Core.Announcements;

/// <summary>
/// Attachments: the bytes at <c>archive/{id}/attachments/{name}</c> (<see cref="AnnouncementKeys.Attachment"/>), the
/// metadata on the announcement, each addition or removal a new version written If-Match, as an edit is (and by the
/// same rule: a draft or a submitted announcement; a sent one is cancelled instead).
/// </summary>
public sealed partial class AnnouncementService
{
    /// <summary>
    /// Adds a file (or replaces the one of the same name). The rules (<see cref="AttachmentRules"/>: type by extension,
    /// content type matching it, at most 10 files and 7 MB together) are checked before anything is written.
    /// </summary>
    /// <param name="contentType">As declared (a request's Content-Type); null: the one the extension stands for.</param>
    public async Task<AnnouncementWriteResult> AddAttachmentAsync(
        string id, string name, string? contentType, Stream content, int expectedVersion, string user, CancellationToken ct)
    {
        var current = await GetEditableAsync(id, expectedVersion, "given attachments", ct);
        var bytes = await ReadLimitedAsync(content, name, ct);
        var attachment = new AnnouncementAttachment
        {
            Name = name,
            ContentType = string.IsNullOrWhiteSpace(contentType) ? AttachmentRules.ContentTypeOf(name) : MediaType(contentType),
            Size = bytes.Length,
            Key = AnnouncementKeys.Attachment(id, name),
        };
        var attachments = WithAttachments(current.Announcement, [attachment]);
        var next = Stamp(current.Announcement, user, "attachment added") with { Attachments = attachments };
        Validate(next, complete: next.Status != AnnouncementStatus.Draft);
        await store.PutAsync(attachment.Key, bytes, WriteCondition.None, ct);
        return await WriteAsync(current, next, ct);
    }

    /// <summary>
    /// Checks files about to be added (a name and a size each; the content type the name stands for) before anything is
    /// written, e.g. before a draft is created for them: a <see cref="ChangeValidationException"/> names each bad file.
    /// </summary>
    public static void CheckFiles(Announcement current, IEnumerable<(string Name, long Size)> files) =>
        WithAttachments(current, [.. files.Select(f => new AnnouncementAttachment { Name = f.Name, ContentType = AttachmentRules.ContentTypeOf(f.Name), Size = f.Size })]);

    /// <summary>The announcement's attachments with <paramref name="added"/> (a file of the same name replaced), checked by <see cref="AttachmentRules"/>.</summary>
    private static List<AnnouncementAttachment> WithAttachments(Announcement current, IReadOnlyList<AnnouncementAttachment> added)
    {
        List<AnnouncementAttachment> attachments = [.. (current.Attachments ?? []).Where(a => added.All(n => n.Name != a.Name)), .. added];
        AttachmentRules.Require(current.AnnouncementId, attachments);
        return attachments;
    }

    /// <summary>Removes a file: the announcement's new version no longer names it, then its object is deleted.</summary>
    public async Task<AnnouncementWriteResult> RemoveAttachmentAsync(string id, string name, int expectedVersion, string user, CancellationToken ct)
    {
        var current = await GetEditableAsync(id, expectedVersion, "changed", ct);
        var attachments = current.Announcement.Attachments ?? [];
        var removed = attachments.FirstOrDefault(a => a.Name == name)
            ?? throw new AnnouncementNotFoundException($"{id} attachment '{name}'");
        var next = Stamp(current.Announcement, user, "attachment removed") with { Attachments = [.. attachments.Where(a => a != removed)] };
        var written = await WriteAsync(current, next, ct);
        await store.DeleteAsync(removed.Key ?? AnnouncementKeys.Attachment(id, name), ct);
        return written;
    }

    private async Task<StoredAnnouncement> GetEditableAsync(string id, int expectedVersion, string action, CancellationToken ct)
    {
        var current = await GetCurrentAsync(id, expectedVersion, ct);
        return AnnouncementLifecycle.IsEditable(current.Announcement.Status)
            ? current
            : throw new AnnouncementTransitionException(id, current.Announcement.Status, $"{action} (cancel it instead)");
    }

    /// <summary>The stream's bytes, refused beyond what all attachments together may take.</summary>
    private static async Task<byte[]> ReadLimitedAsync(Stream content, string name, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await content.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > AttachmentRules.MaxTotalBytes)
                throw new ChangeValidationException([new("attachments", $"Attachment '{name}': larger than the {AttachmentRules.MaxTotalBytes / (1024 * 1024)} MB all attachments may take together; link the file instead.")], Subject);
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    /// <summary>"text/plain; charset=utf-8" → "text/plain": the rules compare the media type.</summary>
    private static string MediaType(string contentType) => contentType.Split(';')[0].Trim();
}
