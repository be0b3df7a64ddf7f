namespace ChangeMgmt.Core.Errors;

public enum ServiceErrorKind { NotFound, AlreadyExists, Throttled, AccessDenied, Validation, Conflict, Unavailable, Other }

/// <summary>An error from a backing service (SES, S3, SQS, …) in terms the core acts on.</summary>
public class ServiceException(
    ServiceErrorKind kind,
    string message,
    string? customerCode = null,
    string? requestId = null,
    string? errorCode = null,
    Exception? inner = null) : Exception(message, inner)
{
    public ServiceErrorKind Kind { get; } = kind;
    public string? CustomerCode { get; } = customerCode;
    public string? RequestId { get; } = requestId;
    public string? ErrorCode { get; } = errorCode;

    public bool IsRetryable => Kind is ServiceErrorKind.Throttled or ServiceErrorKind.Unavailable;
}

/// <summary>A conditional write lost against another writer: re-read and try again.</summary>
public sealed class ConcurrencyConflictException(string message) : Exception(message);

/// <summary>Assuming a customer's role failed: the customer's account cannot be reached at all.</summary>
public sealed class RoleAssumptionException(ServiceErrorKind kind, string message, string customerCode, string? requestId, string? errorCode, Exception? inner)
    : ServiceException(kind, message, customerCode, requestId, errorCode, inner);
