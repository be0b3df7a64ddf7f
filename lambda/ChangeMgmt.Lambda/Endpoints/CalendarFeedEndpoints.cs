using System.Security.Cryptography;
using System.Text;
using ChangeMgmt.Core.CalendarFeeds;
using ChangeMgmt.Core.Configuration;
using Microsoft.Net.Http.Headers;

namespace ChangeMgmt.Lambda.Endpoints;

/// <summary>
/// <c>GET /calendar/{customer}.ics</c> and <c>/calendar/all.ics</c>: read-only ICS feeds a calendar app subscribes
/// to, opened by the feed token alone (<see cref="FeedAccess"/>); ETag and If-None-Match so a poll of an unchanged
/// feed is a 304. <c>/api/calendar-feeds</c>: admins issue, list and revoke feeds (<see cref="Access.ManageFeed"/>).
/// </summary>
public static class CalendarFeedEndpoints
{
    private const string CalendarType = "text/calendar; charset=utf-8";
    private const string CacheControl = "private, max-age=300";

    public static void MapCalendarFeedEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapMethods(FeedAccess.PathPrefix + "/{file}", [HttpMethods.Get, HttpMethods.Head], ServeAsync);
        var feeds = app.MapGroup("/api/calendar-feeds");
        feeds.MapPost("/", IssueAsync);
        feeds.MapGet("/", async (CalendarFeedService service, Access access, CancellationToken ct) =>
        {
            access.Require(Role.Admin, "Listing calendar feeds");
            return TypedResults.Ok(Responses.Items((await service.ListAsync(ct)).Where(access.Sees)));
        });
        feeds.MapDelete("/{tokenId}", async (string tokenId, CalendarFeedService service, Access access, CancellationToken ct) =>
        {
            await access.FindAsync(service, tokenId, "Revoking a calendar feed", ct);
            return TypedResults.Ok(await service.RevokeAsync(tokenId, access.User, ct));
        });
    }

    private static async Task<IResult> ServeAsync(FeedAccess feed, CalendarFeedBuilder builder, LoadedConfig config, HttpContext context, CancellationToken ct)
    {
        if (feed.Scope.Customer is { } code && config.Config.FindCustomer(code) is null)
            return TypedResults.Problem("No such calendar feed.", statusCode: StatusCodes.Status404NotFound, title: "Not found");
        var body = Encoding.UTF8.GetBytes(await builder.BuildAsync(feed.Scope, ct));
        var etag = $"\"{Convert.ToHexStringLower(SHA256.HashData(body))[..32]}\"";
        var response = context.Response;
        response.Headers.ETag = etag;
        response.Headers.CacheControl = CacheControl;
        var known = context.Request.Headers[HeaderNames.IfNoneMatch].ToString();
        if (known.Split(',').Select(t => t.Trim()).Any(t => t == etag || t == "W/" + etag || t == "*"))
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        return TypedResults.Bytes(body, CalendarType);
    }

    private static async Task<IResult> IssueAsync(FeedRequest input, CalendarFeedService service, Access access, HttpRequest request, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(input.Customer))
            return Problems.BadRequest("customer", "Name the customer whose feed this is, or \"all\" for every customer's.");
        var scope = input.Customer.Trim() == FeedScope.AllText ? FeedScope.All : FeedScope.ForCustomer(input.Customer.Trim());
        access.ManageFeed(scope, "Issuing a calendar feed");
        var issued = await service.IssueAsync(scope, access.User, ct);
        var url = issued.Url.StartsWith('/') ? $"{request.Scheme}://{request.Host}{issued.Url}" : issued.Url;
        return TypedResults.Created($"/api/calendar-feeds/{issued.Feed.TokenId}", new IssuedFeedResponse(issued.Feed.TokenId, issued.Feed.Scope, issued.Feed.Customer, url));
    }

    /// <summary><c>{"customer":"acme"}</c> or <c>{"customer":"all"}</c>.</summary>
    public sealed record FeedRequest(string? Customer);

    /// <summary>The feed's URL, token included: shown this once (the list never shows it again).</summary>
    public sealed record IssuedFeedResponse(string TokenId, string Scope, string? Customer, string Url);
}
