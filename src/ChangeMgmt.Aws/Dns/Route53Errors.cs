using ChangeMgmt.Core.Errors;

namespace ChangeMgmt.Aws.Dns;

/// <summary>Route 53's XML ErrorResponse → the core's typed errors; PriorRequestNotComplete and Throttling are retried.</summary>
internal static class Route53Errors
{
    public static ServiceException From(HttpResponseMessage response, string body, string operation)
    {
        var (code, message, requestId) = Route53Xml.Error(body);
        requestId ??= response.Headers.TryGetValues("x-amzn-RequestId", out var ids) ? ids.FirstOrDefault() : null;
        var error = AwsErrors.Create(code, response.StatusCode, message ?? body, "route53", requestId, operation: operation);
        return error.Kind == ServiceErrorKind.Throttled || code == "PriorRequestNotComplete"
            ? new ThrottledException(error.Message, "route53", requestId, code, response.Headers.RetryAfter?.Delta)
            : error;
    }
}
