using ChangeMgmt.Local;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ChangeMgmt.Lambda.Endpoints;

/// <summary>Local mode only: what the local SES accounts "sent" (a page of them, one read, one as its .eml file), and queue depths.</summary>
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
        local.MapGet("/outbox", async (string? customer, string? pageSize, string? pageToken, LocalOutbox outbox, CancellationToken ct) =>
        {
            var page = await outbox.ListAsync(customer, QueryValues.PageSize(pageSize, LocalOutbox.MaxPageSize) ?? 100, pageToken, ct);
            return TypedResults.Ok(Responses.Page(page.Items, page.NextToken));
        });
        local.MapGet("/outbox/{messageId}", async Task<Results<Ok<OutboxMessage>, ProblemHttpResult>> (string messageId, LocalOutbox outbox, CancellationToken ct) =>
            await outbox.GetAsync(messageId, ct) is { } sent ? TypedResults.Ok(await OutboxMessage.ReadAsync(sent, ct)) : NotSent(messageId));
        local.MapGet("/outbox/{messageId}/eml", async Task<Results<FileContentHttpResult, ProblemHttpResult>> (string messageId, LocalOutbox outbox, CancellationToken ct) =>
            await outbox.GetAsync(messageId, ct) is { } sent ? TypedResults.File(sent.Mime, "message/rfc822", $"{messageId}.eml") : NotSent(messageId));
        local.MapGet("/queues", async (LocalChangeQueue queue, CancellationToken ct) =>
            TypedResults.Ok(Responses.Items(await queue.CountAllAsync(ct))));
    }

    private static ProblemHttpResult NotSent(string messageId) => TypedResults.Problem($"No sent message {messageId}.", statusCode: 404);
}
