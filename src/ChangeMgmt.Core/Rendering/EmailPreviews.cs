using ChangeMgmt.Core.Changes;
using ChangeMgmt.Core.Configuration;
using ChangeMgmt.Core.Delivery;
using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Core.Rendering;

/// <summary>One email a change will send, as one customer's recipients would get it; <see cref="Error"/> when it cannot be rendered yet.</summary>
public sealed record EmailPreview(string ChangeId, string CustomerCode, NotificationKind Kind, string Topic, string? Subject, string? Html, string? Text, string? Error);

/// <summary>
/// Every email a change's lifecycle sends — approval request, announcement, calendar invite, completion,
/// cancellation — rendered from one customer's templates exactly as the worker would, for a change saved or
/// not, complete or not. Reads nothing and writes nothing: a preview never changes state.
/// </summary>
public sealed class EmailPreviews(LoadedConfig config, NotificationRenderer renderer, TimeProvider time)
{
    /// <summary>The id an unsaved change is previewed under.</summary>
    public const string UnsavedId = "CHG-PREVIEW";

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
            var email = renderer.Render(planned.Kind, change, customer);
            return new(change.ChangeId, customer.CustomerCode, planned.Kind, planned.Topic, email.Subject, email.HtmlBody, email.TextBody, null);
        }
        catch (Exception ex) when (ex is InvalidOperationException or TemplateException)
        {
            // An unfinished draft (no schedule yet) cannot build its calendar invite: say why instead.
            return new(change.ChangeId, customer.CustomerCode, planned.Kind, planned.Topic, null, null, null, ex.Message);
        }
    }
}
