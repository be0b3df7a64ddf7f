namespace ChangeMgmt.Core.Announcements;

public sealed class AnnouncementNotFoundException(string announcementId)
    : Exception($"Announcement {announcementId} does not exist.")
{
    public string AnnouncementId { get; } = announcementId;
}
