using System.Net;
using ChangeMgmt.Core.Errors;

namespace ChangeMgmt.Aws;

/// <summary>AWS error codes and statuses → the core's typed errors, carrying request id and customer.</summary>
public static class AwsErrors
{
    public static ServiceErrorKind Classify(string? errorCode, HttpStatusCode status)
    {
        var code = errorCode ?? "";
        var shortCode = code.Contains('#') ? code[(code.LastIndexOf('#') + 1)..] : code;
        return shortCode switch
        {
            "NotFoundException" or "ResourceNotFoundException" or "NoSuchKey" or "NoSuchBucket" or "AWS.SimpleQueueService.NonExistentQueue" or "QueueDoesNotExist"
                or "ConfigurationSetDoesNotExist"
                => ServiceErrorKind.NotFound,
            "AlreadyExistsException" or "ConflictException" or "BucketAlreadyOwnedByYou" or "ConfigurationSetAlreadyExists" => ServiceErrorKind.AlreadyExists,
            "TooManyRequestsException" or "ThrottlingException" or "Throttling" or "ThrottledException" or "SlowDown"
                or "RequestThrottled" or "LimitExceededException" when IsThrottle(shortCode, status) => ServiceErrorKind.Throttled,
            "AccessDeniedException" or "AccessDenied" or "UnauthorizedOperation" or "ExpiredToken" or "ExpiredTokenException"
                or "InvalidClientTokenId" or "SignatureDoesNotMatch" => ServiceErrorKind.AccessDenied,
            "PreconditionFailed" or "ConditionalRequestConflict" => ServiceErrorKind.Conflict,
            "BadRequestException" or "ValidationException" or "InvalidParameterValue" or "InvalidParameterException"
                or "MessageRejected" or "LimitExceededException" => ServiceErrorKind.Validation,
            _ => FromStatus(status),
        };
    }

    /// <param name="operation">The call and the resource it named (e.g. <c>GET /v2/email/contact-lists/changemgmt</c>), when known.</param>
    public static ServiceException Create(string? errorCode, HttpStatusCode status, string message, string? customerCode, string? requestId, Exception? inner = null, string? operation = null)
    {
        var kind = Classify(errorCode, status);
        return new(kind, Describe(errorCode, status, message, customerCode, requestId, operation) + Fix(kind), customerCode, requestId, errorCode, inner);
    }

    private static bool IsThrottle(string code, HttpStatusCode status) =>
        code != "LimitExceededException" || status == HttpStatusCode.TooManyRequests;

    private static ServiceErrorKind FromStatus(HttpStatusCode status) => (int)status switch
    {
        404 => ServiceErrorKind.NotFound,
        409 => ServiceErrorKind.AlreadyExists,
        412 => ServiceErrorKind.Conflict,
        429 => ServiceErrorKind.Throttled,
        401 or 403 => ServiceErrorKind.AccessDenied,
        >= 500 => ServiceErrorKind.Unavailable,
        >= 400 => ServiceErrorKind.Validation,
        _ => ServiceErrorKind.Other,
    };

    private static string Describe(string? errorCode, HttpStatusCode status, string message, string? customerCode, string? requestId, string? operation) =>
        $"{(customerCode is null ? "" : customerCode + ": ")}{(operation is null ? "" : operation + ": ")}{errorCode ?? ((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture)}: {message}" +
        (requestId is null ? "" : $" (request id {requestId})");

    /// <summary>What to do about it, by kind: an AWS message alone ("Requested resource not found") says neither.</summary>
    private static string Fix(ServiceErrorKind kind) => kind switch
    {
        ServiceErrorKind.NotFound => ". Fix: check that it exists in that account and region (names are case-sensitive) and that config.json names it.",
        ServiceErrorKind.AccessDenied => ". Fix: check the role's policy and trust (deploy/customer-account.yaml), the external_id, and the credentials in use.",
        ServiceErrorKind.Throttled => ". Retried with backoff; if it persists, lower max_send_rate or the concurrency.",
        ServiceErrorKind.Unavailable => ". Retried; the service did not answer.",
        ServiceErrorKind.Validation => ". Fix: check the values sent (the message names the one refused).",
        _ => ".",
    };
}
