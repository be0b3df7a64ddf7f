using ChangeMgmt.Core.Announcements;

namespace ChangeMgmt.Lambda.Endpoints;

/// <summary>
/// The announcement routes' checks, the change's rules: viewers read; editors create and edit, submit and delete
/// their own drafts; approvers edit submitted ones, approve and cancel; admins everything. A customer-scoped caller
/// reads an announcement that includes one of their customers (others are "not found") and changes only those all
/// of whose customers are theirs. The audit line names the announcement in its change id field.
/// </summary>
public sealed partial class Access
{
    /// <summary>The announcement as stored (all its customers, for the checks that follow), once the caller may read it.</summary>
    public async Task<Announcement> FindAsync(AnnouncementService announcements, string id, CancellationToken ct)
    {
        var announcement = (await announcements.GetAsync(id, ct)).Announcement;
        Read(announcement);
        return announcement;
    }

    public Announcement Read(Announcement announcement)
    {
        Note(announcement.AnnouncementId, announcement.Customers);
        Require(Role.Viewer, "Reading announcements");
        if (!Caller.Sees(announcement.Customers)) throw new AnnouncementNotFoundException(announcement.AnnouncementId);
        return Redact(announcement);
    }

    public Announcement Redact(Announcement a) =>
        Caller.Customers is null ? a : a with { Customers = [.. a.Customers.Where(Caller.InScope)] };

    public AnnouncementSummary Redact(AnnouncementSummary s) =>
        Caller.Customers is null ? s : s with { Customers = [.. s.Customers.Where(Caller.InScope)] };

    public void Create(Announcement input)
    {
        Note(input.AnnouncementId, input.Customers);
        Require(Role.Editor, "Creating an announcement");
        RequireCovers(input.Customers);
    }

    /// <summary>Drafts by their author (editor) or an admin; submitted ones by an approver or admin.</summary>
    public void Update(Announcement current, Announcement input)
    {
        Changing(current);
        RequireCovers(input.Customers);
        if (current.Status == AnnouncementStatus.Draft) RequireAuthor(current.CreatedBy, "Editing a draft announcement");
        else Require(Role.Approver, $"Editing a {current.Status.ToString().ToLowerInvariant()} announcement");
    }

    /// <summary>Adding or removing a file is an edit: the same roles.</summary>
    public void EditAttachments(Announcement current) => Update(current, current);

    public void Delete(Announcement current)
    {
        Changing(current);
        RequireAuthor(current.CreatedBy, "Deleting a draft announcement");
    }

    /// <summary>Submitting (publishing, for a type without approval) is the author's; approving and cancelling an approver's.</summary>
    public void Apply(Announcement current, AnnouncementAction action)
    {
        Changing(current);
        if (action == AnnouncementAction.Submit) RequireAuthor(current.CreatedBy, "Submitting an announcement");
        else Require(Role.Approver, $"{(action == AnnouncementAction.Approve ? "Approving" : "Cancelling")} an announcement");
    }

    public void Wrote(Announcement announcement)
    {
        ChangeId = announcement.AnnouncementId;
        Customers = announcement.Customers;
    }

    private void Changing(Announcement current)
    {
        Read(current);
        RequireCovers(current.Customers);
    }
}
