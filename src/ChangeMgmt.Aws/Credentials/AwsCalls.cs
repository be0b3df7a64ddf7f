using Amazon.Runtime;
using ChangeMgmt.Core.Errors;

namespace ChangeMgmt.Aws.Credentials;

/// <summary>
/// One SDK call: AWS errors become the core's typed errors (with error code, status, request id and
/// customer), and only the retryable ones (throttling, 5xx, network) are tried again by <see cref="AwsRetry"/>.
/// </summary>
public static class AwsCalls
{
    public static Task<T> RunAsync<T>(AwsSettings settings, string? customerCode, Func<CancellationToken, Task<T>> call, CancellationToken ct) =>
        AwsRetry.RunAsync(async () =>
        {
            try
            {
                return await call(ct).ConfigureAwait(false);
            }
            catch (AmazonServiceException ex)
            {
                throw ToServiceException(ex, customerCode);
            }
            catch (HttpRequestException ex)
            {
                throw new ServiceException(ServiceErrorKind.Unavailable, $"{Prefix(customerCode)}{ex.Message}", customerCode, inner: ex);
            }
        }, settings.Retry, settings.Time, ct);

    public static ServiceException ToServiceException(AmazonServiceException ex, string? customerCode) =>
        AwsErrors.Create(ex.ErrorCode, ex.StatusCode, ex.Message, customerCode, ex.RequestId, ex);

    private static string Prefix(string? customerCode) => customerCode is null ? "" : customerCode + ": ";
}
