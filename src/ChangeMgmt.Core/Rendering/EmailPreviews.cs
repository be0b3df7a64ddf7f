using ChangeMgmt.Core.Announcements;
using ChangeMgmt.Core.Changes;
using ChangeMgmt.Core.Configuration;
using ChangeMgmt.Core.Delivery;
using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Core.Rendering;

/// <summary>One email a change or announcement (<see cref="ChangeId"/>: its id) will send, as one customer's recipients would get it; <see cref="Error"/> when it cannot be rendered yet.</summary>
public sealed record EmailPreview(string ChangeId, string CustomerCode, NotificationKind Kind, string Topic, string? Subject, string? Html, string? Text, string? Error);

/// <summary>
/// Every email a change's lifecycle sends — approval request, announcement, calendar invite, completion,
/// cancellation — rendered from one customer's templates exactly as the worker would, for a change saved or
/// not, complete or not; and an announcement's notice (<see cref="RenderAsync"/>, through the worker's own
/// <see cref="INotice"/>). Writes nothing: a preview never changes state.
/// </summary>
public sealed class EmailPreviews(LoadedConfig config, NotificationRenderer renderer, TimeProvider time)
{
    /// <summary>The id an unsaved change is previewed under.</summary>
    public const string UnsavedId = "CHG-PREVIEW";

    /// <summary>The id an unsaved announcement is previewed under.</summary>
    public const string UnsavedAnnouncementId = "ANN-PREVIEW";

    /// <summary>
    /// The announcement as it would be sent to one customer once approved (a draft is previewed as its approved self):
    /// the notice the worker would build from it, given to <see cref="RenderAsync"/>.
    /// </summary>
    public static Announcement AsSentTo(Announcement announcement, string customerCode) => announcement with
    {
        AnnouncementId = Announcements.AnnouncementId.IsValid(announcement.AnnouncementId) ? announcement.AnnouncementId : UnsavedAnnouncementId,
        Status = AnnouncementStatus.Approved,
        Customers = [customerCode],
    };

    /// <summary>Every email the notice sends the customer, rendered as the worker renders it (its files read, nothing written).</summary>
    public static async Task<IReadOnlyList<EmailPreview>> RenderAsync(INotice notice, CustomerConfig customer, CancellationToken ct)
    {
        var previews = new List<EmailPreview>();
        foreach (var planned in notice.Plan(customer))
        {
            try
            {
                previews.Add(Rendered(planned, notice.Id, customer, await notice.RenderAsync(planned, customer, ct)));
            }
            catch (Exception ex) when (ex is InvalidOperationException or TemplateException)
            {
                previews.Add(Unrendered(planned, notice.Id, customer, ex.Message));
            }
        }
        return previews;
    }

    /// <summary>The lifecycle's stages in order; the cancellation shown is of an approved change (to aws-announce).</summary>
    private static readonly ChangeStatus[] Stages = [ChangeStatus.Submitted, ChangeStatus.Approved, ChangeStatus.Completed, ChangeStatus.Cancelled];

    public IReadOnlyList<EmailPreview> Render(Change change, CustomerConfig customer)
    {
        var now = time.GetUtcNow();
        var draft = change with { ChangeId = ChangeId.IsValid(change.ChangeId) ? change.ChangeId : UnsavedId, SubmittedAt = now, ApprovedAt = now };
        return [.. Stages
            .Select(status => draft with { Status = status })
            .SelectMany(staged => NotificationPlanner.Plan(staged, config.NotificationTopicPrefix)
                .Where(p => p.Kind != NotificationKind.CalendarCancel)
                .Select(p => Render(p, staged, customer)))];
    }

    private EmailPreview Render(PlannedNotification planned, Change change, CustomerConfig customer)
    {
        try
        {
            return Rendered(planned, change.ChangeId, customer, renderer.Render(planned.Kind, change, customer));
        }
        catch (Exception ex) when (ex is InvalidOperationException or TemplateException)
        {
            // An unfinished draft (no schedule yet) cannot build its calendar invite: say why instead.
            return Unrendered(planned, change.ChangeId, customer, ex.Message);
        }
    }

    private static EmailPreview Rendered(PlannedNotification planned, string id, CustomerConfig customer, RenderedEmail email) =>
        new(id, customer.CustomerCode, planned.Kind, planned.Topic, email.Subject, email.HtmlBody, email.TextBody, null);

    private static EmailPreview Unrendered(PlannedNotification planned, string id, CustomerConfig customer, string error) =>
        new(id, customer.CustomerCode, planned.Kind, planned.Topic, null, null, null, error);
}
