namespace ChangeMgmt.Core.Announcements;

/// <summary>
/// draft → submitted → approved (sent) → cancelled. Submitting a type that needs no approval approves it at once
/// (<see cref="AnnouncementTypes"/>). Drafts and submitted announcements can be edited; a sent one cannot (cancel it).
/// </summary>
public static class AnnouncementLifecycle
{
    public static bool Allows(AnnouncementStatus from, AnnouncementAction action) => action switch
    {
        AnnouncementAction.Submit => from == AnnouncementStatus.Draft,
        AnnouncementAction.Approve => from == AnnouncementStatus.Submitted,
        _ => from is AnnouncementStatus.Submitted or AnnouncementStatus.Approved,
    };

    public static bool IsEditable(AnnouncementStatus status) => status is AnnouncementStatus.Draft or AnnouncementStatus.Submitted;

    /// <summary>Where <paramref name="action"/> leads; a submit of a type without approval goes straight to approved.</summary>
    public static AnnouncementStatus Target(AnnouncementAction action, bool approvalRequired) => action switch
    {
        AnnouncementAction.Submit => approvalRequired ? AnnouncementStatus.Submitted : AnnouncementStatus.Approved,
        AnnouncementAction.Approve => AnnouncementStatus.Approved,
        _ => AnnouncementStatus.Cancelled,
    };

    public static string PastTense(AnnouncementAction action) => action switch
    {
        AnnouncementAction.Submit => "submitted",
        AnnouncementAction.Approve => "approved",
        _ => "cancelled",
    };
}
