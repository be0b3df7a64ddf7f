using ChangeMgmt.Core.Changes;
using ChangeMgmt.Core.Configuration;
using ChangeMgmt.Core.Delivery;
using ChangeMgmt.Core.Ports;
using ChangeMgmt.Core.Rendering;

namespace ChangeMgmt.Lambda.Endpoints;

/// <summary>One email a change will send, as one customer's recipients would get it.</summary>
public sealed record EmailPreview(NotificationKind Kind, string Topic, string? Subject, string? Html, string? Text, string? Error);

/// <summary>
/// POST /api/preview?customer=code with a change (saved or not, complete or not): every email its
/// lifecycle sends — approval request, announcement, calendar invite, completion, cancellation —
/// rendered from that customer's templates, exactly as the worker would.
/// </summary>
public static class PreviewEndpoints
{
    private const string UnsavedId = "CHG-PREVIEW";

    /// <summary>The lifecycle's stages in order; the cancellation shown is of an approved change (to aws-announce).</summary>
    private static readonly ChangeStatus[] Stages = [ChangeStatus.Submitted, ChangeStatus.Approved, ChangeStatus.Completed, ChangeStatus.Cancelled];

    public static void MapPreviewEndpoints(this IEndpointRouteBuilder app) =>
        app.MapPost("/api/preview", (string? customer, Change change, LoadedConfig config, NotificationRenderer renderer, TimeProvider time, Access access) =>
        {
            access.Require(Role.Viewer, "Previewing emails");
            access.RequireCustomer(customer);
            if (customer is null || config.Config.FindCustomer(customer) is not { } target)
                return Problems.BadRequest("customer", $"Use one of {string.Join(", ", config.Config.CustomerMappings.Keys.Where(access.Caller.InScope).Order())}.");
            var now = time.GetUtcNow();
            var draft = change with { ChangeId = ChangeId.IsValid(change.ChangeId) ? change.ChangeId : UnsavedId, SubmittedAt = now, ApprovedAt = now };
            var items = Stages
                .SelectMany(status => NotificationPlanner.Plan(draft with { Status = status }, config.NotificationTopicPrefix)
                    .Where(p => p.Kind != NotificationKind.CalendarCancel)
                    .Select(p => Render(renderer, p, draft with { Status = status }, target)))
                .ToList();
            return Results.Ok(new { items });
        });

    private static EmailPreview Render(NotificationRenderer renderer, PlannedNotification planned, Change change, CustomerConfig customer)
    {
        try
        {
            var email = renderer.Render(planned.Kind, change, customer);
            return new(planned.Kind, planned.Topic, email.Subject, email.HtmlBody, email.TextBody, null);
        }
        catch (Exception ex) when (ex is InvalidOperationException or TemplateException)
        {
            // An unfinished draft (no schedule yet) cannot build its calendar invite: say why instead.
            return new(planned.Kind, planned.Topic, null, null, null, ex.Message);
        }
    }
}
