using System.Net;
using ChangeMgmt.Lambda.Endpoints;
using Microsoft.Net.Http.Headers;

namespace ChangeMgmt.Lambda.Hosting;

/// <summary>
/// Decides who calls, before any route runs.
/// <para>AWS mode: every request but <c>/api/health</c> and <c>/events</c> (the delivery function's SQS
/// path; the API function does not map it) needs the edge's session token — <c>Authorization: Bearer</c>,
/// else the session cookie — verified by <see cref="SessionVerifier"/>; missing or invalid → 401. Identity headers
/// (X-Forwarded-User, X-Amzn-Oidc-*, …) are never read. A mutating request signed in by cookie must
/// carry a header a cross-site form cannot (<c>Content-Type: application/json</c> or
/// <c>X-Requested-With</c>) and, if it has an Origin, the portal's origin; else 403.</para>
/// <para>Both modes: <c>/calendar/</c> (calendar feeds; a calendar app cannot sign in) needs no session, only a
/// valid feed token (<see cref="FeedAccess"/>), else 401; locally, on loopback still.</para>
/// <para>Both modes: <c>/api/preferences</c> needs no session; the endpoint opens only the contact its token names.</para>
/// <para>Local mode: the single local operator (admin). The server listens on loopback only; requests
/// must name a loopback host (no DNS rebinding) and a mutating request from another origin is refused.</para>
/// </summary>
public sealed class CallerMiddleware(RequestDelegate next, ServerSettings settings, IServiceProvider services)
{
    /// <summary>Registered in AWS mode only.</summary>
    private readonly SessionVerifier? verifier = services.GetService<SessionVerifier>();

    public async Task InvokeAsync(HttpContext context)
    {
        if (settings.ServesApi && FeedAccess.IsFeedPath(context.Request.Path))
        {
            await AdmitFeedAsync(context);
            return;
        }
        var (access, refusal) = settings.Mode == ServerMode.Local ? Local(context) : await SignedInAsync(context);
        if (refusal is not null)
        {
            await refusal.ExecuteAsync(context);
            return;
        }
        if (access is not null) context.Features.Set(access);
        await next(context);
    }

    private async Task AdmitFeedAsync(HttpContext context)
    {
        var (_, refusal) = settings.Mode == ServerMode.Local ? Local(context) : (null, null);
        FeedAccess? feed = null;
        if (refusal is null) (feed, refusal) = await FeedAccess.AdmitAsync(context, services.GetRequiredService<Core.CalendarFeeds.CalendarFeedService>());
        if (refusal is not null)
        {
            await refusal.ExecuteAsync(context);
            return;
        }
        context.Features.Set(feed);
        await next(context);
    }

    /// <summary>
    /// What answers without sign-in in AWS mode: <c>/api/health</c>; <c>/events</c> (the API function does not
    /// map it, so answers 404, never 401); and everything of the delivery function, which verifies no
    /// sessions and maps nothing else; <c>/api/preferences</c> (exactly), which a recipient opens with the token of an
    /// email's preferences link, never a session (<see cref="PreferenceEndpoints"/>).
    /// </summary>
    private bool IsOpen(PathString path) => !settings.ServesApi || path.StartsWithSegments("/api/health") || path.StartsWithSegments("/events")
        || path.Equals(PreferenceEndpoints.Path, StringComparison.OrdinalIgnoreCase);

    private (Access?, IResult?) Local(HttpContext context)
    {
        var request = context.Request;
        if (!IsLoopbackHost(request.Host.Host) || context.Connection.RemoteIpAddress is { } remote && !IPAddress.IsLoopback(remote))
            return (null, Forbidden("The local server answers only on loopback (localhost, 127.0.0.1, [::1])."));
        if (IsMutating(request.Method) && request.Headers.Origin.ToString() is { Length: > 0 } origin && origin != SelfOrigin(request))
            return (null, Forbidden($"A change from another origin ({origin}) is refused."));
        return (new Access(Caller.LocalOperator(), allowSelfApproval: true), null);
    }

    private async Task<(Access?, IResult?)> SignedInAsync(HttpContext context)
    {
        var request = context.Request;
        if (IsOpen(request.Path)) return (null, null);
        if (verifier is null) return (null, Unauthorized("Sign-in is not configured."));
        var auth = verifier.Settings;
        string? token;
        SignIn via;
        var authorization = request.Headers.Authorization.ToString();
        if (authorization.Length > 0)
        {
            if (!authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
                return (null, Unauthorized("Use Authorization: Bearer with the session token."));
            (token, via) = (authorization["Bearer ".Length..].Trim(), SignIn.Bearer);
        }
        else
        {
            (token, via) = (request.Cookies[auth.CookieName], SignIn.Cookie);
        }
        if (string.IsNullOrEmpty(token)) return (null, Unauthorized("Sign in first."));
        var (caller, refused) = await verifier.VerifyAsync(token, via);
        if (caller is null) return (null, Unauthorized(refused!));
        if (via == SignIn.Cookie && IsMutating(request.Method) && CrossSite(request, auth.PortalOrigin) is { } why)
            return (null, Forbidden(why));
        return (new Access(caller, auth.AllowSelfApproval), null);
    }

    /// <summary>Why a cookie-authenticated change request may have come from another site (null: it did not).</summary>
    private static string? CrossSite(HttpRequest request, string? portalOrigin)
    {
        if (!request.HasJsonContentType() && !request.Headers.ContainsKey("X-Requested-With"))
            return "A change request signed in by cookie needs Content-Type: application/json or an X-Requested-With header.";
        var origin = request.Headers.Origin.ToString();
        if (origin.Length > 0 && !string.Equals(origin, portalOrigin, StringComparison.Ordinal))
            return $"A change request from another origin ({origin}) is refused.";
        return null;
    }

    private static bool IsMutating(string method) => HttpMethods.IsPost(method) || HttpMethods.IsPut(method) || HttpMethods.IsDelete(method) || HttpMethods.IsPatch(method);

    private static string SelfOrigin(HttpRequest request) => $"{request.Scheme}://{request.Host}";

    private static bool IsLoopbackHost(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));

    private static IResult Unauthorized(string detail) =>
        new HeaderResult(Results.Problem(detail, statusCode: StatusCodes.Status401Unauthorized, title: "Sign-in required"), HeaderNames.WWWAuthenticate, "Bearer");

    private static IResult Forbidden(string detail) =>
        Results.Problem(detail, statusCode: StatusCodes.Status403Forbidden, title: "Forbidden");

    private sealed class HeaderResult(IResult inner, string name, string value) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers[name] = value;
            return inner.ExecuteAsync(httpContext);
        }
    }
}
