using ChangeMgmt.Core.Announcements;
using ChangeMgmt.Core.Changes;
using ChangeMgmt.Lambda.Endpoints;
using Microsoft.AspNetCore.Http.Features;

namespace ChangeMgmt.Lambda.Hosting;

/// <summary>
/// API request bodies are at most <see cref="ChangeLimits.MaxBodyBytes"/>: a larger one is answered 413
/// before the endpoint runs, whether it states its length or is chunked (it is read into memory up to the
/// limit); an attachment upload (<see cref="AttachmentRules.MaxTotalBytes"/>) is the one larger body. <c>POST /events</c>, outside /api, keeps the server's limit: Lambda's SQS batches are larger.
/// </summary>
public sealed class BodyLimitMiddleware(RequestDelegate next, ServerSettings settings)
{
    /// <summary>
    /// An upload through the function URL on AWS: Lambda takes at most 6 MB per synchronous request, and a binary body
    /// arrives base64-encoded, so 4 MiB is what surely fits. Larger files go to the bucket directly (the cmdlets).
    /// </summary>
    public const long MaxUploadThroughLambda = 4L * 1024 * 1024;

    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (!request.Path.StartsWithSegments("/api") || request.ContentLength == 0
            || HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
        {
            await next(context);
            return;
        }
        var upload = IsAttachmentUpload(request);
        var max = !upload ? ChangeLimits.MaxBodyBytes : settings.Mode == ServerMode.Aws ? MaxUploadThroughLambda : AttachmentRules.MaxTotalBytes;
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            limit.MaxRequestBodySize = max + 1L;
        if (request.ContentLength > max || !await BufferAsync(request, max, context.RequestAborted))
        {
            await (upload ? Problems.UploadTooLarge(max) : Problems.BodyTooLarge(max)).ExecuteAsync(context);
            return;
        }
        await next(context);
    }

    /// <summary>PUT /api/announcements/{id}/attachments/{name}: a file, up to what all attachments may take together.</summary>
    private static bool IsAttachmentUpload(HttpRequest request) =>
        HttpMethods.IsPut(request.Method) && request.Path.StartsWithSegments("/api/announcements", out var rest)
        && rest.Value?.Split('/') is [_, _, "attachments", _];

    /// <summary>Replaces the body with its bytes; false when there are more than the limit.</summary>
    private static async Task<bool> BufferAsync(HttpRequest request, long max, CancellationToken ct)
    {
        var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > max) return false;
            buffer.Write(chunk, 0, read);
        }
        buffer.Position = 0;
        request.Body = buffer;
        return true;
    }
}
