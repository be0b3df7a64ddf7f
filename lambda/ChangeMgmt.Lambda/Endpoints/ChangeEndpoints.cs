using ChangeMgmt.Core.Changes;
using Microsoft.AspNetCore.Mvc;

namespace ChangeMgmt.Lambda.Endpoints;

/// <summary>POST /api/changes/{id}/triggers: which customers' triggers to write again (default: all).</summary>
public sealed record TriggerRequest(IReadOnlyList<string>? Customers);

public static class ChangeEndpoints
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    public static void MapChangeEndpoints(this IEndpointRouteBuilder app)
    {
        var changes = app.MapGroup("/api/changes");
        changes.MapPost("/", CreateAsync);
        changes.MapGet("/", ListAsync);
        changes.MapGet("/{id}", GetAsync);
        changes.MapPut("/{id}", UpdateAsync);
        changes.MapDelete("/{id}", DeleteAsync);
        app.MapGet("/api/stats", async (ChangeService service, CancellationToken ct) => Results.Ok(StatsBody(await service.StatsAsync(ct))));
        changes.MapGet("/{id}/versions", async (string id, ChangeService service, CancellationToken ct) =>
            Results.Ok(new { items = await service.ListVersionsAsync(id, ct) }));
        changes.MapGet("/{id}/versions/{version:int}", GetVersionAsync);
        changes.MapPost("/{id}/triggers", RewriteTriggersAsync);
        changes.MapPost("/{id}/{action}", ApplyAsync);
    }

    /// <summary>Creates a draft; with an Idempotency-Key a repeat answers the first call's change (200, Idempotency-Replayed: true).</summary>
    private static async Task<IResult> CreateAsync(Change input, ChangeService service, Caller caller, HttpRequest request, HttpResponse response, CancellationToken ct)
    {
        var key = request.Headers[IdempotencyKeyHeader].ToString();
        if (key.Length == 0)
        {
            var change = await service.CreateAsync(input, caller.User, ct);
            return WithETag(Results.Created($"/api/changes/{change.ChangeId}", change), change);
        }
        if (key.Length > IdempotencyRecords.MaxKeyLength)
            return Problems.BadRequest(IdempotencyKeyHeader, $"Use at most {IdempotencyRecords.MaxKeyLength} characters.");
        var (created, replayed) = await service.CreateOnceAsync(input, caller.User, key, ct);
        if (!replayed) return WithETag(Results.Created($"/api/changes/{created.ChangeId}", created), created);
        response.Headers["Idempotency-Replayed"] = "true";
        return Tagged(created);
    }

    /// <summary>
    /// The list, filtered and sorted (<c>sort=field</c> ascending, <c>-field</c> descending), a page at a
    /// time; <c>format=csv</c> answers every matching row as one CSV file.
    /// </summary>
    private static async Task<IResult> ListAsync(
        string? status, string? customer, string? q, DateTimeOffset? from, DateTimeOffset? to, int? pageSize, string? pageToken,
        string? sort, string? format, ChangeService service, HttpResponse response, CancellationToken ct)
    {
        ChangeStatus? parsed = null;
        if (status is not null)
        {
            if (!Enum.TryParse<ChangeStatus>(status, ignoreCase: true, out var s))
                return Problems.BadRequest("status", "Use draft, submitted, approved, completed or cancelled.");
            parsed = s;
        }
        if (pageSize is < 1 or > ChangeQuery.MaxPageSize)
            return Problems.BadRequest("pageSize", $"Use 1 to {ChangeQuery.MaxPageSize}.");
        if (!ChangeSort.TryParse(sort, out var order))
            return Problems.BadRequest("sort", $"Use one of {string.Join(", ", ChangeSort.FieldNames)}, with a leading - for descending.");
        var query = new ChangeQuery(parsed, customer, q, from, to, pageSize ?? 50, order);
        switch (format)
        {
            case null or "json":
                var page = await service.ListAsync(query, pageToken, ct);
                return Results.Ok(new { items = page.Items, nextPageToken = page.NextToken });
            case "csv":
                await ChangeCsv.WriteAsync(response, service.ListAllAsync(query, ct), ct);
                return Results.Empty;
            default:
                return Problems.BadRequest("format", "Use json or csv.");
        }
    }

    private static async Task<IResult> GetAsync(string id, ChangeService service, CancellationToken ct) =>
        Tagged((await service.GetAsync(id, ct)).Change);

    private static async Task<IResult> UpdateAsync(string id, Change input, ChangeService service, Caller caller, HttpRequest request, CancellationToken ct)
    {
        if (!ETags.TryReadIfMatch(request, out var expected))
            return Results.Problem("Send If-Match with the ETag of the version you edited.", statusCode: 428, title: "If-Match required");
        var written = await service.UpdateAsync(id, expected, input, caller.User, ct);
        return WithETag(Results.Ok(written), written.Change);
    }

    private static async Task<IResult> DeleteAsync(string id, ChangeService service, Caller caller, HttpRequest request, CancellationToken ct)
    {
        int? expected = ETags.TryReadIfMatch(request, out var v) ? v : null;
        await service.DeleteAsync(id, caller.User, expected, ct);
        return Results.NoContent();
    }

    private static async Task<IResult> GetVersionAsync(string id, int version, ChangeService service, CancellationToken ct) =>
        Tagged(await service.GetVersionAsync(id, version, ct));

    private static async Task<IResult> ApplyAsync(string id, string action, ChangeService service, Caller caller, HttpRequest request, CancellationToken ct)
    {
        if (!Enum.TryParse<ChangeAction>(action, ignoreCase: true, out var parsed) || action.Any(char.IsUpper))
            return Results.Problem($"'{action}' is not an action; use submit, approve, complete or cancel.", statusCode: 404);
        int? expected = ETags.TryReadIfMatch(request, out var v) ? v : null;
        var written = await service.ApplyAsync(id, parsed, caller.User, expected, ct);
        return WithETag(Results.Ok(written), written.Change);
    }

    private static object StatsBody(ChangeStatistics stats) => new
    {
        byStatus = stats.ByStatus.ToDictionary(p => p.Key.ToString().ToLowerInvariant(), p => p.Value),
        awaitingApproval = stats.AwaitingApproval,
        upcoming = stats.Upcoming,
        recent = stats.Recent,
    };

    /// <summary>The body is optional (no body: every customer), so it is read here rather than bound.</summary>
    private static async Task<IResult> RewriteTriggersAsync(string id, ChangeService service, HttpRequest request, CancellationToken ct)
    {
        var body = request.HasJsonContentType() && request.ContentLength != 0 ? await request.ReadFromJsonAsync<TriggerRequest>(ct) : null;
        return Results.Ok(new { items = await service.RewriteTriggersAsync(id, body?.Customers, ct) });
    }

    private static IResult Tagged(Change change) => WithETag(Results.Ok(change), change);

    private static IResult WithETag(IResult result, Change change) => new ETagResult(result, ETags.For(change));
}
