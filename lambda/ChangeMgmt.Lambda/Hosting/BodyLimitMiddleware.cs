using ChangeMgmt.Core.Changes;
using ChangeMgmt.Lambda.Endpoints;
using Microsoft.AspNetCore.Http.Features;

namespace ChangeMgmt.Lambda.Hosting;

/// <summary>
/// API request bodies are at most <see cref="ChangeLimits.MaxBodyBytes"/>: a larger one is answered 413
/// before the endpoint runs, whether it states its length or is chunked (it is read into memory up to the
/// limit). <c>POST /events</c>, outside /api, keeps the server's limit: Lambda's SQS batches are larger.
/// </summary>
public sealed class BodyLimitMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (!request.Path.StartsWithSegments("/api") || request.ContentLength == 0
            || HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
        {
            await next(context);
            return;
        }
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            limit.MaxRequestBodySize = ChangeLimits.MaxBodyBytes + 1L;
        if (request.ContentLength > ChangeLimits.MaxBodyBytes || !await BufferAsync(request, context.RequestAborted))
        {
            await Problems.BodyTooLarge(ChangeLimits.MaxBodyBytes).ExecuteAsync(context);
            return;
        }
        await next(context);
    }

    /// <summary>Replaces the body with its bytes; false when there are more than the limit.</summary>
    private static async Task<bool> BufferAsync(HttpRequest request, CancellationToken ct)
    {
        var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > ChangeLimits.MaxBodyBytes) return false;
            buffer.Write(chunk, 0, read);
        }
        buffer.Position = 0;
        request.Body = buffer;
        return true;
    }
}
