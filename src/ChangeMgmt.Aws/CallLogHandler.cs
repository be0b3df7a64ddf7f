using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace ChangeMgmt.Aws;

/// <summary>Tells each signed HTTP call (operation, status, time) at debug level.</summary>
internal sealed class CallLogHandler(ILogger log, string? customerCode, HttpMessageHandler inner) : DelegatingHandler(inner)
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!log.IsEnabled(LogLevel.Debug)) return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var operation = request.Headers.TryGetValues("X-Amz-Target", out var target) ? target.First() : $"{request.Method} {request.RequestUri?.AbsolutePath}";
        var prefix = customerCode is null ? "" : customerCode + ": ";
        var started = Stopwatch.GetTimestamp();
        try
        {
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            log.LogDebug("{Prefix}AWS {Operation}: {Status} in {Milliseconds} ms", prefix, operation, (int)response.StatusCode, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return response;
        }
        catch (HttpRequestException ex)
        {
            log.LogDebug("{Prefix}AWS {Operation}: {Status} in {Milliseconds} ms", prefix, operation, ex.Message, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            throw;
        }
    }
}
