using Amazon.Runtime;
using ChangeMgmt.Core.Errors;

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
            try
            {
                return await call(ct).ConfigureAwait(false);
            }
            catch (AmazonServiceException ex)
            {
                throw ToServiceException(ex, customerCode, OperationOf(callText));
            }
            catch (HttpRequestException ex)
            {
                throw new ServiceException(ServiceErrorKind.Unavailable, $"{Prefix(customerCode)}{ex.Message}", customerCode, inner: ex);
            }
        }, settings.Retry, settings.Time, ct);

    public static ServiceException ToServiceException(AmazonServiceException ex, string? customerCode, string? operation = null) =>
        AwsErrors.Create(ex.ErrorCode, ex.StatusCode, ex.Message, customerCode, ex.RequestId, ex, operation);

    /// <summary>"GetQueueUrl" of "t => client.GetQueueUrlAsync(new GetQueueUrlRequest …)"; null when there is no such call.</summary>
    internal static string? OperationOf(string callText) =>
        System.Text.RegularExpressions.Regex.Match(callText, @"\.(\w+)Async\(") is { Success: true } m ? m.Groups[1].Value : null;

    private static string Prefix(string? customerCode) => customerCode is null ? "" : customerCode + ": ";
}
