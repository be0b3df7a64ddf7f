using ChangeMgmt.Core.Changes;
using Microsoft.Net.Http.Headers;

namespace ChangeMgmt.Lambda.Endpoints;

/// <summary>A change's ETag is its version: <c>"3"</c>.</summary>
public static class ETags
{
    public static string For(Change change) => For(change.Version);

    public static string For(int version) => $"\"{version}\"";

    public static bool TryReadIfMatch(HttpRequest request, out int version)
    {
        version = 0;
        var header = request.Headers[HeaderNames.IfMatch].ToString().Trim();
        if (header.StartsWith("W/", StringComparison.Ordinal)) header = header[2..];
        return int.TryParse(header.Trim('"'), out version);
    }
}

internal sealed class ETagResult(IResult inner, string etag) : IResult
{
    private static readonly object Written = new();

    public Task ExecuteAsync(HttpContext context)
    {
        context.Items[Written] = etag;
        context.Response.Headers.ETag = etag;
        return inner.ExecuteAsync(context);
    }

    /// <summary>
    /// The exception handler middleware removes ETag from the responses it writes (an error is not cached), yet a
    /// stale-version 412 answers the current version's ETag. Use this inside UseExceptionHandler: a callback
    /// registered before the exception runs after the middleware's, and puts the ETag back.
    /// </summary>
    public static IApplicationBuilder KeepOnProblems(IApplicationBuilder app) => app.Use((context, next) =>
    {
        context.Response.OnStarting(static state =>
        {
            var context = (HttpContext)state;
            if (context.Items[Written] is string etag) context.Response.Headers.ETag = etag;
            return Task.CompletedTask;
        }, context);
        return next(context);
    });
}
