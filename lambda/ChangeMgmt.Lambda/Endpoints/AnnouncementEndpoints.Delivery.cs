using ChangeMgmt.Core.Announcements;
using ChangeMgmt.Core.Configuration;
using ChangeMgmt.Core.Delivery;
using ChangeMgmt.Core.Ports;
using ChangeMgmt.Core.Rendering;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ChangeMgmt.Lambda.Endpoints;

/// <summary>An announcement type as the portal offers it (config.json <c>announcement_types</c>, else the defaults); unset approval means required, as the service reads it.</summary>
public sealed record AnnouncementTypeItem(string Name, string DisplayName, string Topic, bool ApprovalRequired)
{
    public static AnnouncementTypeItem From(AnnouncementTypeConfig t) => new(t.Name, t.DisplayName ?? t.Name, t.Topic, t.ApprovalRequired != false);
}

public sealed record AnnouncementTypesResponse(IReadOnlyList<AnnouncementTypeItem> Items);

/// <summary>
/// The announcement's delivery routes, the change's own (<see cref="DeliveryEndpoints"/>, <see cref="PreviewEndpoints"/>):
/// per-customer status and the ledger's emails by id, and the notice as a customer would get it, rendered by the worker's
/// <see cref="AnnouncementNotice"/>, for a stored announcement or the form's unsaved one. Previews write nothing.
/// </summary>
public static partial class AnnouncementEndpoints
{
    private static void MapDeliveryEndpoints(RouteGroupBuilder announcements)
    {
        announcements.MapGet("/types", (LoadedConfig config, Access access) =>
        {
            access.Require(Role.Viewer, "Reading announcement types");
            return TypedResults.Ok(new AnnouncementTypesResponse([.. AnnouncementTypes.Of(config.Config).Select(AnnouncementTypeItem.From)]));
        });
        announcements.MapGet("/{id}/status", async (string id, AnnouncementService service, DeliveryStatusReader status, Access access, CancellationToken ct) =>
            await DeliveryEndpoints.StatusOfAsync(DeliverySubject.Of(await access.FindAsync(service, id, ct)), status, access, ct));
        announcements.MapGet("/{id}/deliveries", async (string id, string? customer, AnnouncementService service, IDeliveryLedger ledger, Access access, CancellationToken ct) =>
        {
            access.RequireCustomer(customer);
            var announcement = await access.FindAsync(service, id, ct);
            return await DeliveryEndpoints.DeliveriesOfAsync(announcement.AnnouncementId, announcement.Version, customer, ledger, access, ct);
        });
        announcements.MapGet("/{id}/preview", async (string id, string? customer, AnnouncementService service, LoadedConfig config, ChangeNotifier notifier, Access access, CancellationToken ct) =>
        {
            var announcement = await access.FindAsync(service, id, ct);
            return PreviewEndpoints.Target(customer, config, access) is { } target && announcement.Customers.Contains(target.CustomerCode)
                ? await PreviewAsync(announcement, target, config, notifier, ct)
                : PreviewEndpoints.NoTarget(announcement.Customers, access);
        });
        announcements.MapPost("/preview", async (string? customer, Announcement announcement, LoadedConfig config, ChangeNotifier notifier, Access access, CancellationToken ct) =>
            PreviewEndpoints.Target(customer, config, access) is { } target
                ? await PreviewAsync(announcement, target, config, notifier, ct)
                : PreviewEndpoints.NoTarget(config.Config.CustomerMappings.Keys, access));
    }

    /// <summary>The notice the worker would send the customer once the announcement is approved; 400 when its type is not configured.</summary>
    private static async Task<Results<Ok<PreviewResponse>, ValidationProblem>> PreviewAsync(
        Announcement announcement, CustomerConfig customer, LoadedConfig config, ChangeNotifier notifier, CancellationToken ct)
    {
        if (AnnouncementTypes.Find(config.Config, announcement.AnnouncementType ?? "") is not { } type)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["announcement_type"] = [$"Choose one of {string.Join(", ", AnnouncementTypes.Of(config.Config).Select(t => t.Name))}."],
            }, title: "The request is not valid");
        var notice = notifier.NoticeOf(EmailPreviews.AsSentTo(announcement, customer.CustomerCode), type);
        return TypedResults.Ok(new PreviewResponse(await EmailPreviews.RenderAsync(notice, customer, ct)));
    }
}
