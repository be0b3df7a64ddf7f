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

    private static Results<Ok<PreviewResponse>, ValidationProblem> Preview(string? customer, Change change, LoadedConfig config, EmailPreviews previews, Access access) =>
        Target(customer, config, access) is { } target
            ? TypedResults.Ok(new PreviewResponse(previews.Render(change, target)))
            : NoTarget(config.Config.CustomerMappings.Keys, access);

    /// <summary>The configured customer a preview is for (any role; 403 for a customer outside the caller's scope), else null.</summary>
    internal static CustomerConfig? Target(string? customer, LoadedConfig config, Access access)
    {
        access.Require(Role.Viewer, "Previewing emails");
        access.RequireCustomer(customer);
        return customer is null ? null : config.Config.FindCustomer(customer);
    }

    /// <summary>400 naming the customers the caller may preview for, of <paramref name="codes"/>.</summary>
    internal static ValidationProblem NoTarget(IEnumerable<string> codes, Access access) =>
        DeliveryEndpoints.InvalidCustomer($"Use one of {string.Join(", ", codes.Where(access.Caller.InScope).Order())}.");
}
