namespace ChangeMgmt.Lambda.Hosting;

/// <summary>
/// On Lambda every request reaches the app from the web adapter on loopback, so the loopback rule
/// says nothing about the caller. Until the API verifies signed-in users, it refuses everything but
/// the health check and the SQS delivery path: closed, not open.
/// </summary>
public sealed class SignInRequiredMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path;
        if (path.StartsWithSegments("/events") || path.StartsWithSegments("/api/health"))
            return next(context);
        return Results.Problem("The API on AWS answers only to verified sign-in, which is not configured in this build.",
            statusCode: StatusCodes.Status401Unauthorized, title: "Sign-in required").ExecuteAsync(context);
    }
}
