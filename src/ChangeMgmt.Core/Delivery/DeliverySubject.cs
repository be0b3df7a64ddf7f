using ChangeMgmt.Core.Announcements;
using ChangeMgmt.Core.Changes;
using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Core.Delivery;

/// <summary>
/// What delivery status is read for: a change's or an announcement's current version (the ledger keys both by id).
/// <see cref="Unsent"/>: nothing was written for its customers (a draft, a rejected change), so every customer is pending.
/// </summary>
public sealed record DeliverySubject(string Id, int Version, IReadOnlyList<string> Customers, DateTimeOffset? ModifiedAt, bool Unsent)
{
    public static DeliverySubject Of(Change change) =>
        new(change.ChangeId, change.Version, change.Customers, change.ModifiedAt, change.Status is ChangeStatus.Draft or ChangeStatus.Rejected);

    public static DeliverySubject Of(Announcement announcement) =>
        new(announcement.AnnouncementId, announcement.Version, announcement.Customers, announcement.ModifiedAt, announcement.Status == AnnouncementStatus.Draft);

    /// <summary>The version a stored trigger holds, read as the kind it is (the worker's own dispatch).</summary>
    public static int VersionOf(StoredObject trigger) =>
        StoredObjectKind.Of(trigger.Content) == ObjectKind.Announcement
            ? AnnouncementJson.Deserialize(trigger.Content, trigger.Key).Version
            : ChangeJson.Deserialize(trigger.Content, trigger.Key).Version;
}
