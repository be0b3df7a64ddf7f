using ChangeMgmt.Core.CalendarFeeds;

namespace ChangeMgmt.Lambda.Endpoints;

/// <summary>
/// A calendar feed request's credential, its verified token (set by CallerMiddleware, which admits <c>/calendar/</c>
/// requests with nothing else): the feed it opens and the scope the path named.
/// </summary>
public sealed record FeedAccess(CalendarFeed Feed, FeedScope Scope)
{
    public const string PathPrefix = "/calendar";

    /// <summary>Bound from the request; none means a routing mistake: fail closed.</summary>
    public static ValueTask<FeedAccess?> BindAsync(HttpContext context) =>
        ValueTask.FromResult<FeedAccess?>(context.Features.Get<FeedAccess>() ?? throw new InvalidOperationException("No verified feed token for this request."));

    public static bool IsFeedPath(PathString path) => path.StartsWithSegments(PathPrefix);

    /// <summary>
    /// The feed access the request's token gives, or the refusal: a path that names no feed 404, a missing, tampered,
    /// unknown, revoked or other-scope token 401 alike (nothing said about whether the customer exists).
    /// </summary>
    public static async Task<(FeedAccess?, IResult?)> AdmitAsync(HttpContext context, CalendarFeedService feeds)
    {
        var request = context.Request;
        request.Path.StartsWithSegments(PathPrefix, out var rest);
        if (rest.Value is not { Length: > 1 } file || file.IndexOf('/', 1) >= 0 || FeedScope.FromFileName(file[1..]) is not { } scope)
            return (null, TypedResults.Problem("No such calendar feed.", statusCode: StatusCodes.Status404NotFound, title: "Not found"));
        var feed = await feeds.VerifyAsync(request.Query["token"].ToString(), scope, context.RequestAborted);
        return feed is null
            ? (null, TypedResults.Problem("The feed token is missing, not valid for this calendar, or revoked. Ask an administrator for a new feed URL.",
                statusCode: StatusCodes.Status401Unauthorized, title: "Feed token required"))
            : (new FeedAccess(feed, scope), null);
    }
}
