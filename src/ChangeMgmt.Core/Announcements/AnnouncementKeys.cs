using ChangeMgmt.Core.Changes;

namespace ChangeMgmt.Core.Announcements;

/// <summary>
/// Where an announcement's objects live: the change's own prefixes (<see cref="StorageLayout"/>), so the bucket's
/// lifecycle rules, the customer queues' notifications (<c>customers/{code}/*.json</c>) and the dead-letter layout
/// apply unchanged. The message parser tells the kinds apart by the stored JSON's <c>object_type</c>
/// (<see cref="StoredObjectKind"/>), the keys by their <c>ANN-</c> prefix. Attachments sit under the archive
/// object's own prefix, so they are kept as long as the archive (no lifecycle rule) and never end in <c>.json</c>.
/// </summary>
public static class AnnouncementKeys
{
    public static string Archive(string announcementId) => StorageLayout.Archive(Checked(announcementId));
    public static string Draft(string announcementId) => StorageLayout.Draft(Checked(announcementId));
    public static string Version(string announcementId, int version) => StorageLayout.Version(Checked(announcementId), version);
    public static string VersionsOf(string announcementId) => StorageLayout.VersionsOf(Checked(announcementId));
    public static string CustomerTrigger(string customerCode, string announcementId) => StorageLayout.CustomerTrigger(customerCode, Checked(announcementId));

    /// <summary><c>archive/{id}/attachments/</c>.</summary>
    public static string AttachmentsOf(string announcementId) => $"{StorageLayout.ArchivePrefix}{Checked(announcementId)}/attachments/";

    /// <summary><c>archive/{id}/attachments/{name}</c>, the name escaped as one key segment.</summary>
    public static string Attachment(string announcementId, string fileName) => AttachmentsOf(announcementId) + Uri.EscapeDataString(fileName);

    /// <summary>Whether a key names an announcement's archive object (not a change's, not an attachment).</summary>
    public static bool IsArchive(string key) =>
        key.StartsWith(StorageLayout.ArchivePrefix + AnnouncementId.Prefix, StringComparison.Ordinal)
        && key.EndsWith(".json", StringComparison.Ordinal)
        && AnnouncementId.IsValid(key[StorageLayout.ArchivePrefix.Length..^".json".Length]);

    private static string Checked(string announcementId) =>
        AnnouncementId.IsValid(announcementId)
            ? announcementId
            : throw new ArgumentException($"'{announcementId}' is not an announcement id (ANN-yyyyMMdd-XXXXXX).", nameof(announcementId));
}
