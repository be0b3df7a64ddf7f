using ChangeMgmt.Core.Changes;
using ChangeMgmt.Core.Configuration;
using ChangeMgmt.Core.Rendering;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ChangeMgmt.Lambda.Endpoints;

public sealed record PreviewResponse(IReadOnlyList<EmailPreview> Items);

/// <summary>
/// POST /api/preview?customer=code with a change (saved or not, complete or not): every email its lifecycle
/// sends, rendered from that customer's templates by <see cref="EmailPreviews"/> (also Get-ChangeEmailPreview).
/// </summary>
public static class PreviewEndpoints
{
    public static void MapPreviewEndpoints(this IEndpointRouteBuilder app) => app.MapPost("/api/preview", Preview);

    private static Results<Ok<PreviewResponse>, ValidationProblem> Preview(string? customer, Change change, LoadedConfig config, EmailPreviews previews, Access access)
    {
        access.Require(Role.Viewer, "Previewing emails");
        access.RequireCustomer(customer);
        if (customer is null || config.Config.FindCustomer(customer) is not { } target)
            return DeliveryEndpoints.InvalidCustomer($"Use one of {string.Join(", ", config.Config.CustomerMappings.Keys.Where(access.Caller.InScope).Order())}.");
        return TypedResults.Ok(new PreviewResponse(previews.Render(change, target)));
    }
}
