using ChangeMgmt.Core.Changes;
using ChangeMgmt.Core.Feedback;
using ChangeMgmt.Core.Ports;
using ChangeMgmt.Lambda.Hosting;
using Microsoft.AspNetCore.Mvc;

namespace ChangeMgmt.Lambda.Endpoints;

/// <summary>POST /api/changes/{id}/triggers: which customers' triggers to write again (default: all).</summary>
public sealed record TriggerRequest(IReadOnlyList<string>? Customers);

/// <summary>
/// POST /api/changes/{id}/{action}'s optional body: the approver's <c>comment</c> (approve: optional; reject:
/// required), the <c>reason</c> of a cancellation or of an override, and the overrides <c>backdated</c>
/// (submit or approve a window that has ended), <c>early</c> (complete before the window starts) and
/// <c>emergency</c> (submit or approve a window that runs into a freeze; the reason is shown in the emails).
/// </summary>
public sealed record ActionRequestBody(string? Comment, string? Reason, bool? Backdated, bool? Early, bool? Emergency = null);

/// <summary>GET /api/stats: counts by status (lower-case names), what waits for approval, what is about to happen, what changed lately.</summary>
public sealed record StatsResponse(
    IReadOnlyDictionary<string, int> ByStatus,
    IReadOnlyList<ChangeSummary> AwaitingApproval,
    IReadOnlyList<ChangeSummary> Upcoming,
    IReadOnlyList<ChangeActivity> Recent);

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
        app.MapGet("/api/stats", async (ChangeService service, Access access, CancellationToken ct) =>
        {
            access.Require(Role.Viewer, "Reading changes");
            return TypedResults.Ok(StatsBody(await service.StatsAsync(access.Caller.Customers, ct), access));
        });
        changes.MapGet("/{id}/versions", async (string id, ChangeService service, Access access, CancellationToken ct) =>
        {
            await access.FindAsync(service, id, ct);
            return TypedResults.Ok(Responses.Items(await service.ListVersionsAsync(id, ct)));
        });
        changes.MapGet("/{id}/versions/{version:int}", GetVersionAsync);
        changes.MapPost("/check", CheckAsync);
        changes.MapPost("/{id}/triggers", RewriteTriggersAsync);
        changes.MapPost("/{id}/{action}", ApplyAsync);
    }

    /// <summary>Creates a draft; with an Idempotency-Key a repeat answers the first call's change (200, Idempotency-Replayed: true).</summary>
    private static async Task<IResult> CreateAsync(Change input, ChangeService service, Access access, HttpRequest request, HttpResponse response, CancellationToken ct)
    {
        access.Create(input);
        var key = request.Headers[IdempotencyKeyHeader].ToString();
        if (key.Length == 0)
        {
            var change = await service.CreateAsync(input, access.User, ct);
            access.Wrote(change);
            return WithETag(TypedResults.Created($"/api/changes/{change.ChangeId}", await WithWarningsAsync(change, service, ct)), change);
        }
        if (key.Length > IdempotencyRecords.MaxKeyLength)
            return Problems.BadRequest(IdempotencyKeyHeader, $"Use at most {IdempotencyRecords.MaxKeyLength} characters.");
        // The key is the caller's: the same key from another user is another request.
        var (created, replayed) = await service.CreateOnceAsync(input, access.User, $"{access.User}\n{key}", ct);
        access.Read(created);
        access.Wrote(created);
        if (!replayed) return WithETag(TypedResults.Created($"/api/changes/{created.ChangeId}", await WithWarningsAsync(created, service, ct)), created);
        response.Headers["Idempotency-Replayed"] = "true";
        return Tagged(created);
    }

    /// <summary>A created change answers itself, with its warnings (overlaps, a long window) in a field that is never stored.</summary>
    private static async Task<Change> WithWarningsAsync(Change change, ChangeService service, CancellationToken ct)
    {
        var warnings = await service.WarningsAsync(change, ct);
        var extra = new Dictionary<string, System.Text.Json.JsonElement>(change.Extra ?? [])
        {
            [ChangeWarning.ResponseField] = ExtraFieldJson.Element(warnings),
        };
        return change with { Extra = extra };
    }

    /// <summary>
    /// The list, filtered and sorted (<c>sort=field</c> ascending, <c>-field</c> descending), a page at a
    /// time; <c>format=csv</c> answers every matching row as one CSV file. <c>from</c>, <c>to</c> and
    /// <c>pageSize</c> are parsed here (<see cref="QueryValues"/>), so a bad one is named with its fix.
    /// </summary>
    private static async Task<IResult> ListAsync(
        string? status, string? customer, string? q, string? from, string? to, string? pageSize, string? pageToken,
        string? sort, string? format, string? undelivered, ChangeService service, IDeliveryOutcomes outcomes, Access access, HttpResponse response, CancellationToken ct)
    {
        access.Require(Role.Viewer, "Reading changes");
        access.RequireCustomer(customer);
        if (!ChangeSort.TryParse(sort, out var order))
            return Problems.BadRequest("sort", $"Use one of {string.Join(", ", ChangeSort.FieldNames)}, with a leading - for descending.");
        var query = new ChangeQuery(QueryValues.Status(status), customer, q, QueryValues.Instant(from, nameof(from)), QueryValues.Instant(to, nameof(to)),
            QueryValues.PageSize(pageSize, ChangeQuery.MaxPageSize) ?? 50, order, access.Caller.Customers,
            QueryValues.Flag(undelivered, nameof(undelivered)) == true
                ? await outcomes.AtAsync(customer is null ? access.Caller.Customers : [customer], ct)
                : null);
        switch (format)
        {
            case null or "json":
                var page = await service.ListAsync(query, pageToken, ct);
                return TypedResults.Ok(Responses.Page(page.Items.Select(access.Redact), page.NextToken));
            case "csv":
                await ChangeCsv.WriteAsync(response, service.ListAllAsync(query, ct).Select(access.Redact), ct);
                return TypedResults.Empty;
            default:
                return Problems.BadRequest("format", "Use json or csv.");
        }
    }

    private static async Task<IResult> GetAsync(string id, ChangeService service, Access access, CancellationToken ct) =>
        Tagged(access.Redact(await access.FindAsync(service, id, ct)));

    /// <summary>
    /// Checks are made on the version read; the write then expects that very version, so a change
    /// made in between is a 412, never a write the check did not see.
    /// </summary>
    private static async Task<IResult> UpdateAsync(string id, Change input, ChangeService service, Access access, HttpRequest request, CancellationToken ct)
    {
        if (!ETags.TryReadIfMatch(request, out var expected))
            return TypedResults.Problem("Send If-Match with the ETag of the version you edited.", statusCode: 428, title: "If-Match required");
        var current = await access.FindAsync(service, id, ct);
        access.Update(current, input);
        if (current.Version != expected) throw new ChangeVersionConflictException(id, expected, current.Version);
        var written = await service.UpdateAsync(id, expected, input, access.User, ct);
        return WithETag(TypedResults.Ok(written), written.Change);
    }

    private static async Task<IResult> DeleteAsync(string id, ChangeService service, Access access, HttpRequest request, CancellationToken ct)
    {
        var current = await CheckedAsync(id, service, access, request, ct);
        access.Delete(current);
        await service.DeleteAsync(id, access.User, current.Version, ct);
        return TypedResults.NoContent();
    }

    /// <summary>Each version is checked against its own customers: a version from before the caller's customer was added is not theirs.</summary>
    private static async Task<IResult> GetVersionAsync(string id, int version, ChangeService service, Access access, CancellationToken ct)
    {
        await access.FindAsync(service, id, ct);
        return Tagged(access.Read(await service.GetVersionAsync(id, version, ct)));
    }

    private static async Task<IResult> ApplyAsync(string id, string action, ChangeService service, Access access, HttpRequest request, CancellationToken ct)
    {
        if (!Enum.TryParse<ChangeAction>(action, ignoreCase: true, out var parsed) || action.Any(char.IsUpper))
            return TypedResults.Problem($"'{action}' is not an action; use submit, approve, reject, complete or cancel.", statusCode: 404);
        var current = await CheckedAsync(id, service, access, request, ct);
        access.Apply(current, parsed);
        var body = await OptionalBody.ReadAsync<ActionRequestBody>(request, ct);
        var options = new ChangeActionRequest
        {
            Comment = body?.Comment, Reason = body?.Reason, Backdated = body?.Backdated == true, Early = body?.Early == true,
            Emergency = body?.Emergency == true, SelfApprovalAllowed = access.AllowSelfApproval,
        };
        var written = await service.ApplyAsync(id, parsed, access.User, current.Version, options, ct);
        return WithETag(TypedResults.Ok(written with { Change = access.Redact(written.Change) }), written.Change);
    }

    /// <summary>The current change, read in the caller's scope first (else 404), which must be the If-Match version when one is sent (else 412).</summary>
    private static async Task<Change> CheckedAsync(string id, ChangeService service, Access access, HttpRequest request, CancellationToken ct)
    {
        var current = await access.FindAsync(service, id, ct);
        if (ETags.TryReadIfMatch(request, out var expected) && expected != current.Version)
            throw new ChangeVersionConflictException(id, expected, current.Version);
        return current;
    }

    private static StatsResponse StatsBody(ChangeStatistics stats, Access access) => new(
        stats.ByStatus.ToDictionary(p => p.Key.ToString().ToLowerInvariant(), p => p.Value),
        [.. stats.AwaitingApproval.Select(access.Redact)],
        [.. stats.Upcoming.Select(access.Redact)],
        stats.Recent);

    /// <summary>The body is optional (no body: every customer), so it is read here rather than bound.</summary>
    private static async Task<IResult> RewriteTriggersAsync(string id, ChangeService service, Access access, HttpRequest request, CancellationToken ct)
    {
        access.RewriteTriggers(await access.FindAsync(service, id, ct));
        var body = await OptionalBody.ReadAsync<TriggerRequest>(request, ct);
        return TypedResults.Ok(Responses.Items(await service.RewriteTriggersAsync(id, body?.Customers, ct)));
    }

    /// <summary>
    /// What saving the body would do, writing nothing: with a <c>changeId</c>, the edit of that change (the
    /// status it leaves, the material fields, whether it needs approval again, who will be told); without,
    /// a new draft. Both with the warnings (overlapping changes, a long window).
    /// </summary>
    private static async Task<IResult> CheckAsync(Change input, ChangeService service, Access access, CancellationToken ct)
    {
        access.Require(Role.Viewer, "Checking a change");
        foreach (var code in input.Customers) access.RequireCustomer(code);
        string? id = null;
        if (!string.IsNullOrEmpty(input.ChangeId))
            id = (await access.FindAsync(service, input.ChangeId, ct)).ChangeId;
        return TypedResults.Ok(await service.CheckEditAsync(id, input, access.User, ct));
    }

    private static IResult Tagged(Change change) => WithETag(TypedResults.Ok(change), change);

    private static IResult WithETag(IResult result, Change change) => new ETagResult(result, ETags.For(change));
}
