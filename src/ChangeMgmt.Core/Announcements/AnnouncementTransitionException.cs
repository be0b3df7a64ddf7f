namespace ChangeMgmt.Core.Announcements;

/// <summary>An action the announcement's status does not allow (approving a draft, editing one that was sent).</summary>
public sealed class AnnouncementTransitionException(string announcementId, AnnouncementStatus from, string action)
    : Exception($"Announcement {announcementId} is {from.ToString().ToLowerInvariant()}; it cannot be {action}.")
{
    public string AnnouncementId { get; } = announcementId;
    public AnnouncementStatus From { get; } = from;
}
