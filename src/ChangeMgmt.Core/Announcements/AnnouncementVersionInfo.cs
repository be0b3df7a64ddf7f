namespace ChangeMgmt.Core.Announcements;

/// <summary>One kept version of an announcement, as a history list shows it.</summary>
public sealed record AnnouncementVersionInfo(int Version, AnnouncementStatus Status, DateTimeOffset? ModifiedAt, string? ModifiedBy)
{
    public static AnnouncementVersionInfo From(Announcement a) => new(a.Version, a.Status, a.ModifiedAt, a.ModifiedBy);
}
