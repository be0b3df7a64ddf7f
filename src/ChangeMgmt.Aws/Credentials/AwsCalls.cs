using System.Diagnostics;
using Amazon.Runtime;
using ChangeMgmt.Core.Errors;
using Microsoft.Extensions.Logging;

namespace ChangeMgmt.Aws.Credentials;

/// <summary>
/// One SDK call: AWS errors become the core's typed errors (with error code, status, request id and
/// customer), and only the retryable ones (throttling, 5xx, network) are tried again by <see cref="AwsRetry"/>.
/// </summary>
public static class AwsCalls
{
    /// <param name="callText">Filled in by the compiler: the call's source text, from which the error names the AWS operation.</param>
    public static Task<T> RunAsync<T>(AwsSettings settings, string? customerCode, Func<CancellationToken, Task<T>> call, CancellationToken ct,
        [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(call))] string callText = "") =>
        AwsRetry.RunAsync(async () =>
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                var response = await call(ct).ConfigureAwait(false);
                LogCall(settings, customerCode, callText, response is AmazonWebServiceResponse r ? ((int)r.HttpStatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture) : "ok", started);
                return response;
            }
            catch (AmazonServiceException ex)
            {
                LogCall(settings, customerCode, callText, $"{(int)ex.StatusCode} {ex.ErrorCode}", started);
                throw ToServiceException(ex, customerCode, OperationOf(callText));
            }
            catch (HttpRequestException ex)
            {
                LogCall(settings, customerCode, callText, ex.Message, started);
                throw new ServiceException(ServiceErrorKind.Unavailable, $"{Prefix(customerCode)}{ex.Message}", customerCode, inner: ex);
            }
        }, settings.Retry, settings.Time, ct);

    private static void LogCall(AwsSettings settings, string? customerCode, string callText, string status, long started)
    {
        if (!settings.Log.IsEnabled(LogLevel.Debug)) return;
        settings.Log.LogDebug("{Prefix}AWS {Operation}: {Status} in {Milliseconds} ms", Prefix(customerCode), OperationOf(callText) ?? "call", status,
            (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    public static ServiceException ToServiceException(AmazonServiceException ex, string? customerCode, string? operation = null) =>
        AwsErrors.Create(ex.ErrorCode, ex.StatusCode, ex.Message, customerCode, ex.RequestId, ex, operation);

    /// <summary>"GetQueueUrl" of "t => client.GetQueueUrlAsync(new GetQueueUrlRequest …)"; null when there is no such call.</summary>
    internal static string? OperationOf(string callText) =>
        System.Text.RegularExpressions.Regex.Match(callText, @"\.(\w+)Async\(") is { Success: true } m ? m.Groups[1].Value : null;

    private static string Prefix(string? customerCode) => customerCode is null ? "" : customerCode + ": ";
}
