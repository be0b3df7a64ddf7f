using ChangeMgmt.Local;

namespace ChangeMgmt.Lambda.Endpoints;

/// <summary>Local mode only: what the local SES accounts "sent", and queue depths.</summary>
public static class OutboxEndpoints
{
    public static void MapOutboxEndpoints(this IEndpointRouteBuilder app)
    {
        var local = app.MapGroup("/api");
        // The local operator is admin; the filter keeps these routes admin-only should that change.
        local.AddEndpointFilter(async (context, next) =>
        {
            (await Access.BindAsync(context.HttpContext))!.Require(Role.Admin, "The local outbox and queues");
            return await next(context);
        });
        local.MapGet("/outbox", async (string? customer, int? pageSize, string? pageToken, LocalOutbox outbox, CancellationToken ct) =>
        {
            var size = pageSize ?? 100;
            if (size is < 1 or > LocalOutbox.MaxPageSize)
                return Problems.BadRequest("pageSize", $"Use 1 to {LocalOutbox.MaxPageSize}.");
            var page = await outbox.ListAsync(customer, size, pageToken, ct);
            return Results.Ok(new { items = page.Items, nextPageToken = page.NextToken });
        });
        local.MapGet("/outbox/{messageId}", async (string messageId, LocalOutbox outbox, CancellationToken ct) =>
            await outbox.GetAsync(messageId, ct) is { } sent
                ? Results.File(sent.Mime, "message/rfc822", $"{messageId}.eml")
                : Results.Problem($"No sent message {messageId}.", statusCode: 404));
        local.MapGet("/queues", async (LocalChangeQueue queue, CancellationToken ct) =>
            Results.Ok(new { items = await queue.CountAllAsync(ct) }));
    }
}
