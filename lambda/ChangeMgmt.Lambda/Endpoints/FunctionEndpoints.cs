using ChangeMgmt.Core.Delivery;
using ChangeMgmt.Core.Messages;
using ChangeMgmt.Lambda.Hosting;

namespace ChangeMgmt.Lambda.Endpoints;

/// <summary>GET /api/health: <c>{"status":"ok","mode":"aws","function":"api"}</c>.</summary>
public sealed record HealthResponse(string Status, string Mode, string Function);

/// <summary>The routes outside the portal's API: <c>/api/health</c> (every function) and <c>POST /events</c> (delivery).</summary>
public static class FunctionEndpoints
{
    /// <summary>Readiness for the web adapter and the portal: <c>{"status":"ok","mode":"aws","function":"api"}</c>.</summary>
    public static void MapHealthEndpoint(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/health", (ServerSettings settings) => TypedResults.Ok(new HealthResponse("ok", settings.ModeName, settings.FunctionName)));

    /// <summary>
    /// An SQS batch from Lambda's event source (the web adapter POSTs it here). It needs no sign-in
    /// (<see cref="CallerMiddleware"/>), so the API function, which a browser can reach, never maps it.
    /// Claiming stops <see cref="ServerSettings.DeadlineMargin"/> before the invocation's deadline, if the adapter gave one.
    /// </summary>
    public static void MapEventsEndpoint(this IEndpointRouteBuilder app) =>
        app.MapPost("/events", (SqsEvent batch, HttpRequest request, SqsBatchHandler handler, ServerSettings settings, ILogger<SqsBatchHandler> log, CancellationToken ct) =>
            handler.HandleAsync(batch, Options(handler.Options, request.Headers[LambdaContextHeader.Name], settings, log), ct));

    /// <summary>The handler's options (claim lease), with the invocation's deadline when the adapter gave one.</summary>
    private static DeliveryOptions Options(DeliveryOptions options, string? header, ServerSettings settings, ILogger log)
    {
        switch (LambdaContextHeader.Parse(header))
        {
            case LambdaContextHeader.Result.Deadline deadline:
                return options with { StopClaimingAt = deadline.At - settings.DeadlineMargin };
            case LambdaContextHeader.Result.Malformed malformed:
                log.LogWarning("The batch runs without a deadline: {Reason}", malformed.Reason);
                return options;
            default:
                return options;
        }
    }
}
