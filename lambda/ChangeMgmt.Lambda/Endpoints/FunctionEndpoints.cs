using ChangeMgmt.Core.Delivery;
using ChangeMgmt.Core.Json;
using ChangeMgmt.Core.Messages;
using System.Text.Json;
using ChangeMgmt.Lambda.Hosting;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

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
    /// What Lambda invokes the delivery function with (the web adapter POSTs every non-HTTP event here): an SQS batch
    /// from the event source, or the stack's one-minute EventBridge schedule, which runs one sweep of
    /// <see cref="PendingWork"/> (scheduled announcements, failed triggers, unfinished writes). It needs no sign-in
    /// (<see cref="CallerMiddleware"/>), so the API function, which a browser can reach, never maps it.
    /// Claiming stops <see cref="ServerSettings.DeadlineMargin"/> before the invocation's deadline, if the adapter gave one.
    /// </summary>
    public static void MapEventsEndpoint(this IEndpointRouteBuilder app) =>
        app.MapPost("/events", async (JsonElement body, HttpRequest request, IServiceProvider services, ServerSettings settings, ILogger<SqsBatchHandler> log, CancellationToken ct) =>
        {
            if (IsScheduledEvent(body)) return Results.Ok(await services.GetRequiredService<PendingWork>().RunAsync(ct));
            if (body.ValueKind != JsonValueKind.Object || !body.TryGetProperty("Records", out _))
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Not an event this function handles",
                    detail: "POST /events takes an SQS batch (an object with \"Records\") or an EventBridge \"Scheduled Event\" from source aws.events.");
            var batch = body.Deserialize(services.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions.TypeInfo<SqsEvent>())!;
            var handler = services.GetRequiredService<SqsBatchHandler>();
            return Results.Ok(await handler.HandleAsync(batch, Options(handler.Options, request.Headers[LambdaContextHeader.Name], settings, log), ct));
        });

    /// <summary>An EventBridge schedule's event: <c>{"source":"aws.events","detail-type":"Scheduled Event",…}</c>.</summary>
    private static bool IsScheduledEvent(JsonElement body) =>
        body.ValueKind == JsonValueKind.Object
        && body.TryGetProperty("source", out var source) && source.ValueKind == JsonValueKind.String && source.GetString() == "aws.events"
        && body.TryGetProperty("detail-type", out var type) && type.ValueKind == JsonValueKind.String && type.GetString() == "Scheduled Event";

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
