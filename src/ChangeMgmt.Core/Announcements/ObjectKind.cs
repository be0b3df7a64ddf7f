namespace ChangeMgmt.Core.Announcements;

/// <summary>The kinds of object that travel the one pipeline (archive, versions, customer triggers, queues).</summary>
public enum ObjectKind
{
    Change,
    Announcement,
}
