using ChangeMgmt.Core.Announcements;
using ChangeMgmt.Core.Changes;

namespace ChangeMgmt.Lambda.Endpoints;

/// <summary>
/// /api/announcements, as /api/changes: list and search, create, read, edit (If-Match), delete a draft, submit,
/// approve, cancel, versions, attachments (PUT/DELETE /{id}/attachments/{name}); types, status, deliveries and previews
/// (<c>AnnouncementEndpoints.Delivery.cs</c>). Checks are <see cref="Access"/>'s; the lifecycle is <see cref="AnnouncementService"/>'s.
/// </summary>
public static partial class AnnouncementEndpoints
{
    public static void MapAnnouncementEndpoints(this IEndpointRouteBuilder app)
    {
        var announcements = app.MapGroup("/api/announcements");
        announcements.MapGet("/", ListAsync);
        announcements.MapPost("/", CreateAsync);
        announcements.MapGet("/{id}", async (string id, AnnouncementService service, Access access, CancellationToken ct) =>
            Tagged(access.Redact(await access.FindAsync(service, id, ct))));
        announcements.MapPut("/{id}", UpdateAsync);
        announcements.MapDelete("/{id}", DeleteAsync);
        announcements.MapGet("/{id}/versions", async (string id, AnnouncementService service, Access access, CancellationToken ct) =>
        {
            await access.FindAsync(service, id, ct);
            return TypedResults.Ok(Responses.Items(await service.ListVersionsAsync(id, ct)));
        });
        // Each version is checked against its own customers, as a change's are.
        announcements.MapGet("/{id}/versions/{version:int}", async (string id, int version, AnnouncementService service, Access access, CancellationToken ct) =>
        {
            await access.FindAsync(service, id, ct);
            return Tagged(access.Read(await service.GetVersionAsync(id, version, ct)));
        });
        announcements.MapPost("/{id}/{action}", ApplyAsync);
        announcements.MapPut("/{id}/attachments/{name}", AddAttachmentAsync);
        announcements.MapDelete("/{id}/attachments/{name}", RemoveAttachmentAsync);
        MapDeliveryEndpoints(announcements);
    }

    private static async Task<IResult> ListAsync(
        string? type, string? status, string? customer, string? q, string? pageSize, string? pageToken,
        AnnouncementService service, Access access, CancellationToken ct)
    {
        access.Require(Role.Viewer, "Reading announcements");
        access.RequireCustomer(customer);
        AnnouncementStatus? parsed = null;
        if (status is not null)
        {
            if (!Enum.TryParse<AnnouncementStatus>(status, ignoreCase: true, out var s) || !Enum.IsDefined(s))
                return Problems.BadRequest("status", "Use draft, submitted, approved or cancelled.");
            parsed = s;
        }
        var query = new AnnouncementQuery(parsed, type, customer, q, QueryValues.PageSize(pageSize, AnnouncementQuery.MaxPageSize) ?? 50, access.Caller.Customers);
        var page = await service.ListAsync(query, pageToken, ct);
        return TypedResults.Ok(Responses.Page(page.Items.Select(access.Redact), page.NextToken));
    }

    private static async Task<IResult> CreateAsync(Announcement input, AnnouncementService service, Access access, CancellationToken ct)
    {
        access.Create(input);
        var created = await service.CreateAsync(input, access.User, ct);
        access.Wrote(created);
        return WithETag(TypedResults.Created($"/api/announcements/{created.AnnouncementId}", created), created.Version);
    }

    /// <summary>Checked on the version read, which the write then expects: an edit in between is a 412.</summary>
    private static async Task<IResult> UpdateAsync(string id, Announcement input, AnnouncementService service, Access access, HttpRequest request, CancellationToken ct)
    {
        if (!ETags.TryReadIfMatch(request, out var expected))
            return TypedResults.Problem("Send If-Match with the ETag of the version you edited.", statusCode: 428, title: "If-Match required");
        var current = await access.FindAsync(service, id, ct);
        access.Update(current, input);
        return Written(await service.UpdateAsync(id, expected, input, access.User, ct), access);
    }

    /// <summary>The body is the file, its Content-Type the file's; If-Match as for an edit, and the same roles.</summary>
    private static async Task<IResult> AddAttachmentAsync(string id, string name, AnnouncementService service, Access access, HttpRequest request, CancellationToken ct)
    {
        if (!ETags.TryReadIfMatch(request, out var expected))
            return TypedResults.Problem("Send If-Match with the ETag of the version you add the file to.", statusCode: 428, title: "If-Match required");
        access.EditAttachments(await access.FindAsync(service, id, ct));
        var written = await service.AddAttachmentAsync(id, name, request.ContentType, request.Body, expected, access.User, ct);
        return Written(written, access);
    }

    private static async Task<IResult> RemoveAttachmentAsync(string id, string name, AnnouncementService service, Access access, HttpRequest request, CancellationToken ct)
    {
        if (!ETags.TryReadIfMatch(request, out var expected))
            return TypedResults.Problem("Send If-Match with the ETag of the version you remove the file from.", statusCode: 428, title: "If-Match required");
        access.EditAttachments(await access.FindAsync(service, id, ct));
        return Written(await service.RemoveAttachmentAsync(id, name, expected, access.User, ct), access);
    }

    private static async Task<IResult> DeleteAsync(string id, AnnouncementService service, Access access, HttpRequest request, CancellationToken ct)
    {
        var current = await CheckedAsync(id, service, access, request, ct);
        access.Delete(current);
        await service.DeleteAsync(id, access.User, current.Version, ct);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> ApplyAsync(string id, string action, AnnouncementService service, Access access, HttpRequest request, CancellationToken ct)
    {
        if (!Enum.TryParse<AnnouncementAction>(action, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed) || action.Any(char.IsUpper) || action.Any(char.IsDigit))
            return TypedResults.Problem($"'{action}' is not an action; use submit, approve or cancel.", statusCode: 404);
        var current = await CheckedAsync(id, service, access, request, ct);
        access.Apply(current, parsed);
        var body = await OptionalBody.ReadAsync<ActionRequestBody>(request, ct);
        var options = new ChangeActionRequest { Comment = body?.Comment, Reason = body?.Reason, SelfApprovalAllowed = access.AllowSelfApproval };
        return Written(await service.ApplyAsync(id, parsed, access.User, current.Version, options, ct), access);
    }

    /// <summary>The current announcement in the caller's scope (else 404), which must be the If-Match version when one is sent (else 412).</summary>
    private static async Task<Announcement> CheckedAsync(string id, AnnouncementService service, Access access, HttpRequest request, CancellationToken ct)
    {
        var current = await access.FindAsync(service, id, ct);
        return !ETags.TryReadIfMatch(request, out var expected) || expected == current.Version
            ? current
            : throw new ChangeVersionConflictException(id, expected, current.Version);
    }

    /// <summary>A write's result as the caller may see it, tagged with the new version.</summary>
    private static IResult Written(AnnouncementWriteResult written, Access access) =>
        WithETag(TypedResults.Ok(written with { Announcement = access.Redact(written.Announcement) }), written.Announcement.Version);

    private static IResult Tagged(Announcement a) => WithETag(TypedResults.Ok(a), a.Version);

    private static IResult WithETag(IResult result, int version) => new ETagResult(result, ETags.For(version));
}
