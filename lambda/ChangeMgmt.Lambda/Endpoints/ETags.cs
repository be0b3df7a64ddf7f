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
    public Task ExecuteAsync(HttpContext context)
    {
        context.Response.Headers.ETag = etag;
        return inner.ExecuteAsync(context);
    }
}
