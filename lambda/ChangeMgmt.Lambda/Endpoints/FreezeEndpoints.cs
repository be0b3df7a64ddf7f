using System.Text.Json;
using ChangeMgmt.Core.Freezes;
using ChangeMgmt.Lambda.Hosting;

namespace ChangeMgmt.Lambda.Endpoints;

/// <summary>
/// /api/freezes: list, read and versions for every role (a scoped caller sees global freezes and its customers'),
/// add, edit (If-Match) and remove (soft, If-Match) for admins. The refusal of a change that runs into a freeze is
/// the change routes' (409, <see cref="Problems"/>). Checks are <see cref="Access"/>'s; storage is <see cref="FreezeService"/>'s.
/// </summary>
public static class FreezeEndpoints
{
    public static void MapFreezeEndpoints(this IEndpointRouteBuilder app)
    {
        var freezes = app.MapGroup("/api/freezes");
        freezes.MapGet("/", async (FreezeService service, Access access, TimeProvider time, CancellationToken ct) =>
        {
            access.Require(Role.Viewer, "Reading freezes");
            var now = time.GetUtcNow();
            return TypedResults.Ok(Responses.Items((await service.ListAsync(includeRemoved: false, ct)).Where(access.Sees).Select(f => WithNext(access.Redact(f), now))));
        });
        freezes.MapPost("/", AddAsync);
        freezes.MapGet("/{id}", async (string id, FreezeService service, Access access, CancellationToken ct) =>
            Tagged(access.Redact(await access.FindAsync(service, id, ct))));
        freezes.MapPut("/{id}", UpdateAsync);
        freezes.MapDelete("/{id}", RemoveAsync);
        // A removed freeze's history stays readable; its last version decides who may read it.
        freezes.MapGet("/{id}/versions", async (string id, FreezeService service, Access access, CancellationToken ct) =>
        {
            var versions = await service.GetVersionsAsync(id, ct);
            access.Read(versions[^1]);
            return TypedResults.Ok(Responses.Items(versions.Select(access.Redact)));
        });
    }

    private static async Task<IResult> AddAsync(ChangeFreeze input, FreezeService service, Access access, CancellationToken ct)
    {
        access.WriteFreeze(null, input.Customers, "Adding a freeze");
        var added = await service.AddAsync(input, access.User, ct);
        return new ETagResult(TypedResults.Created($"/api/freezes/{added.FreezeId}", added), ETags.For(added.Version));
    }

    private static async Task<IResult> UpdateAsync(string id, ChangeFreeze input, FreezeService service, Access access, HttpRequest request, CancellationToken ct)
    {
        var current = await access.FindAsync(service, id, ct);
        // Both the freeze as it is and as it will be must be the caller's to write (a scoped admin cannot take over a global one).
        access.WriteFreeze(id, current.Customers, "Editing a freeze");
        access.WriteFreeze(id, input.Customers, "Editing a freeze");
        if (!ETags.TryReadIfMatch(request, out var expected))
            return TypedResults.Problem("Send If-Match with the ETag of the freeze version you edited.", statusCode: 428, title: "If-Match required");
        return Tagged(access.Redact(await service.UpdateAsync(id, input, expected, access.User, ct)));
    }

    private static async Task<IResult> RemoveAsync(string id, FreezeService service, Access access, HttpRequest request, CancellationToken ct)
    {
        access.WriteFreeze(id, (await access.FindAsync(service, id, ct)).Customers, "Removing a freeze");
        if (!ETags.TryReadIfMatch(request, out var expected))
            return TypedResults.Problem("Send If-Match with the ETag of the freeze version you remove.", statusCode: 428, title: "If-Match required");
        await service.RemoveAsync(id, expected, access.User, ct);
        return TypedResults.NoContent();
    }

    /// <summary>A listed freeze answers with its next occurrence (from now on), in a field that is never stored.</summary>
    private static ChangeFreeze WithNext(ChangeFreeze freeze, DateTimeOffset now)
    {
        if (FreezeOccurrences.Next(freeze, now) is not { } next) return freeze;
        var extra = new Dictionary<string, JsonElement>(freeze.Extra ?? [])
        {
            [NextOccurrenceField] = ExtraFieldJson.Element(next),
        };
        return freeze with { Extra = extra };
    }

    public const string NextOccurrenceField = "nextOccurrence";

    private static IResult Tagged(ChangeFreeze freeze) => new ETagResult(TypedResults.Ok(freeze), ETags.For(freeze.Version));
}
