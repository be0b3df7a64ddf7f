namespace ChangeMgmt.Core.Announcements;

/// <summary>The lifecycle actions: submit (or publish, for a type without approval), approve, cancel.</summary>
public enum AnnouncementAction { Submit, Approve, Cancel }
