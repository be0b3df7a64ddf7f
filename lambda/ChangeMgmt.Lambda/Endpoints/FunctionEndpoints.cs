using ChangeMgmt.Core.Delivery;
using ChangeMgmt.Core.Messages;
using ChangeMgmt.Lambda.Hosting;

namespace ChangeMgmt.Lambda.Endpoints;

/// <summary>The routes outside the portal's API: <c>/api/health</c> (every function) and <c>POST /events</c> (delivery).</summary>
public static class FunctionEndpoints
{
    /// <summary>Readiness for the web adapter and the portal: <c>{"status":"ok","mode":"aws","function":"api"}</c>.</summary>
    public static void MapHealthEndpoint(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/health", (ServerSettings settings) => Results.Ok(new { status = "ok", mode = settings.ModeName, function = settings.FunctionName }));

    /// <summary>
    /// An SQS batch from Lambda's event source (the web adapter POSTs it here). It needs no sign-in
    /// (<see cref="CallerMiddleware"/>), so the API function, which a browser can reach, never maps it.
    /// </summary>
    public static void MapEventsEndpoint(this IEndpointRouteBuilder app) =>
        app.MapPost("/events", (SqsEvent batch, SqsBatchHandler handler, CancellationToken ct) => handler.HandleAsync(batch, ct));
}
