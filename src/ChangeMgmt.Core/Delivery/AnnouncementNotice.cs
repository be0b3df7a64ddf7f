using ChangeMgmt.Core.Announcements;
using ChangeMgmt.Core.Configuration;
using ChangeMgmt.Core.Ports;
using ChangeMgmt.Core.Rendering;

namespace ChangeMgmt.Core.Delivery;

/// <summary>
/// An announcement version: approved, one email to its type's topic with its files (read from the bucket) and, when
/// it has an event, the invite; cancelled after it was sent, its withdrawal (and the invite's CANCEL).
/// </summary>
public sealed class AnnouncementNotice(Announcement announcement, AnnouncementTypeConfig type, NotificationRenderer renderer, IObjectStore objects) : INotice
{
    public string Id => announcement.AnnouncementId;

    public int Version => announcement.Version;

    public IReadOnlyList<PlannedNotification> Plan(CustomerConfig customer) => NotificationPlanner.Plan(announcement, type, customer.CustomerCode);

    public async Task<RenderedEmail> RenderAsync(PlannedNotification planned, CustomerConfig customer, CancellationToken ct) =>
        renderer.Render(planned.Kind, announcement, type, customer, planned.Kind == NotificationKind.AnnouncementNotice ? await FilesAsync(ct) : []);

    private async Task<IReadOnlyList<EmailAttachment>> FilesAsync(CancellationToken ct)
    {
        var files = new List<EmailAttachment>();
        foreach (var attachment in announcement.Attachments ?? [])
        {
            var key = attachment.Key ?? AnnouncementKeys.Attachment(announcement.AnnouncementId, attachment.Name);
            var stored = await objects.GetAsync(key, ct)
                ?? throw new InvalidOperationException($"{announcement.AnnouncementId}: the attachment '{attachment.Name}' is not in the bucket at {key}; upload it again.");
            files.Add(new EmailAttachment(attachment.Name, attachment.ContentType ?? "application/octet-stream", stored.Content));
        }
        return files;
    }
}
