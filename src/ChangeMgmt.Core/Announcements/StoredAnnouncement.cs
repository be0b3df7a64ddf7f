namespace ChangeMgmt.Core.Announcements;

/// <summary>An announcement as stored, with the ETag that guards the next write.</summary>
public sealed record StoredAnnouncement(Announcement Announcement, string Key, string ETag);
