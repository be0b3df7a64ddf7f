using ChangeMgmt.Core.Configuration;
using ChangeMgmt.Core.Ports;
using ChangeMgmt.Core.Subscriptions;
using Microsoft.Net.Http.Headers;

namespace ChangeMgmt.Lambda.Endpoints;

/// <summary>
/// /api/customers/{code}/…: a customer's topics, contacts (If-Match on a contact's change and removal), bulk change
/// files (preview, queue as a job) and jobs. Every route checks <see cref="Access.ManageSubscriptions"/> first; the
/// work is Core's (<see cref="SubscriptionService"/>, <see cref="SubscriptionImport"/>, <see cref="SubscriptionJobs"/>).
/// </summary>
public static class SubscriptionEndpoints
{
    public const int DefaultPageSize = 50;

    public sealed record TopicInfo(string Name, string DisplayName, string Description, string DefaultSubscriptionStatus);
    public sealed record SubscriptionsInfo(string Customer, string DisplayName, string ContactList, IReadOnlyList<TopicInfo> Topics);
    public sealed record NewContact(string? Email, IReadOnlyList<string>? Topics);
    public sealed record ContactPreferences(IReadOnlyList<string>? Topics, bool UnsubscribeAll);
    public sealed record QueuedJob(string JobId, string Status, int Total);

    public static void MapSubscriptionEndpoints(this IEndpointRouteBuilder app)
    {
        var customer = app.MapGroup("/api/customers/{code}");
        customer.MapGet("/subscriptions", (string code, LoadedConfig config, Access access) =>
        {
            var c = access.ManageSubscriptions(config, code, "Reading subscriptions");
            return TypedResults.Ok(new SubscriptionsInfo(c.CustomerCode, c.DisplayName, c.ContactListName ?? CustomerConfig.DefaultContactListName,
                [.. config.Topics.Select(t => new TopicInfo(t.TopicName, t.DisplayName, t.Description, t.DefaultSubscriptionStatus.ToAws()))]));
        });
        customer.MapGet("/contacts", async (string code, string? q, string? topic, string? pageSize, string? pageToken, LoadedConfig config, Access access, SubscriptionService service, CancellationToken ct) =>
        {
            var c = access.ManageSubscriptions(config, code, "Reading contacts");
            var page = await service.ListAsync(c, q, string.IsNullOrEmpty(topic) ? null : topic,
                QueryValues.PageSize(pageSize, SubscriptionService.MaxPageSize) ?? DefaultPageSize, pageToken, ct);
            return TypedResults.Ok(page);
        });
        customer.MapPost("/contacts", AddAsync);
        customer.MapGet("/contacts/{email}", async (string code, string email, LoadedConfig config, Access access, SubscriptionService service, CancellationToken ct) =>
            Tagged(await service.GetAsync(access.ManageSubscriptions(config, code, "Reading a contact"), email, ct)));
        customer.MapPut("/contacts/{email}", SetAsync);
        customer.MapDelete("/contacts/{email}", RemoveAsync);
        customer.MapPost("/contacts/import/preview", async (string code, HttpRequest request, LoadedConfig config, Access access, SubscriptionImport import, CancellationToken ct) =>
        {
            var c = access.ManageSubscriptions(config, code, "Previewing a bulk change");
            return TypedResults.Ok(await import.PreviewAsync(c, await ReadTextAsync(request, ct), ct));
        });
        customer.MapPost("/contacts/import", ImportAsync);
        customer.MapGet("/jobs", async (string code, LoadedConfig config, Access access, SubscriptionJobs jobs, CancellationToken ct) =>
            TypedResults.Ok(Responses.Items((await jobs.ListAsync(access.ManageSubscriptions(config, code, "Reading jobs").CustomerCode, ct)).Select(Shown))));
        customer.MapGet("/jobs/{jobId}", async (string code, string jobId, LoadedConfig config, Access access, SubscriptionJobs jobs, CancellationToken ct) =>
            TypedResults.Ok(Shown(await jobs.GetAsync(access.ManageSubscriptions(config, code, "Reading a job").CustomerCode, jobId, ct))));
    }

    private static async Task<IResult> AddAsync(string code, NewContact input, LoadedConfig config, Access access, SubscriptionService service, CancellationToken ct)
    {
        var c = access.ManageSubscriptions(config, code, "Adding a contact");
        if (string.IsNullOrWhiteSpace(input.Email)) return Problems.BadRequest("email", "Give the contact's email address.");
        var added = await service.AddAsync(c, input.Email.Trim(), input.Topics ?? [], ct);
        return new ETagResult(TypedResults.Created($"/api/customers/{c.CustomerCode}/contacts/{Uri.EscapeDataString(added.Email)}", added), added.ETag);
    }

    private static async Task<IResult> SetAsync(string code, string email, ContactPreferences input, HttpRequest request, LoadedConfig config, Access access, SubscriptionService service, CancellationToken ct)
    {
        var c = access.ManageSubscriptions(config, code, "Changing a contact's topics");
        if (IfMatch(request) is not { } etag) return IfMatchRequired();
        return Tagged(await service.SetAsync(c, email, input.Topics ?? [], input.UnsubscribeAll, etag, ct));
    }

    private static async Task<IResult> RemoveAsync(string code, string email, HttpRequest request, LoadedConfig config, Access access, SubscriptionService service, CancellationToken ct)
    {
        var c = access.ManageSubscriptions(config, code, "Removing a contact");
        if (IfMatch(request) is not { } etag) return IfMatchRequired();
        await service.RemoveAsync(c, email, etag, $"before {access.User} removed {email}", ct);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> ImportAsync(string code, HttpRequest request, LoadedConfig config, Access access, SubscriptionImport import, CancellationToken ct)
    {
        var c = access.ManageSubscriptions(config, code, "Queueing a bulk change");
        var (job, errors) = await import.QueueAsync(c, await ReadTextAsync(request, ct), access.User, ct);
        if (job is null)
            return TypedResults.Problem("The file has bad lines; nothing was queued. Fix them (see errors) and send it again.", statusCode: 400,
                title: "The file is not valid", extensions: new Dictionary<string, object?> { ["errors"] = errors });
        return TypedResults.Accepted($"/api/customers/{c.CustomerCode}/jobs/{job.JobId}", new QueuedJob(job.JobId, job.Status, job.Total));
    }

    /// <summary>The job as the API shows it (the runner's lease is its own business).</summary>
    private static SubscriptionJob Shown(SubscriptionJob job) => job with { LeaseUntil = null };

    private static IResult Tagged(SubscriptionContact contact) => new ETagResult(TypedResults.Ok(contact), contact.ETag);

    private static string? IfMatch(HttpRequest request) =>
        request.Headers[HeaderNames.IfMatch].ToString().Trim() is { Length: > 0 } header ? (header.StartsWith("W/", StringComparison.Ordinal) ? header[2..] : header) : null;

    private static IResult IfMatchRequired() =>
        TypedResults.Problem("Send If-Match with the ETag of the contact as you read it.", statusCode: 428, title: "If-Match required");

    private static async Task<string> ReadTextAsync(HttpRequest request, CancellationToken ct)
    {
        using var reader = new StreamReader(request.Body);
        return await reader.ReadToEndAsync(ct);
    }
}
