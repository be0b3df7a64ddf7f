using ChangeMgmt.Core.Errors;

namespace ChangeMgmt.Local;

/// <summary>The errors a customer's SES account answers with, under SES v2's error codes.</summary>
internal static class SesErrors
{
    public static ServiceException NotFound(string customerCode, string what) =>
        Error(ServiceErrorKind.NotFound, $"{customerCode}: {what} does not exist.", customerCode, "NotFoundException");

    public static ServiceException AlreadyExists(string customerCode, string what) =>
        Error(ServiceErrorKind.AlreadyExists, $"{customerCode}: {what} already exists.", customerCode, "AlreadyExistsException");

    public static ServiceException LimitExceeded(string customerCode, string message) =>
        Error(ServiceErrorKind.Validation, $"{customerCode}: {message}", customerCode, "LimitExceededException");

    public static ServiceException BadRequest(string customerCode, string message) =>
        Error(ServiceErrorKind.Validation, $"{customerCode}: {message}", customerCode, "BadRequestException");

    public static ServiceException Throttled(string customerCode) =>
        Error(ServiceErrorKind.Throttled, "Maximum sending rate exceeded.", customerCode, "TooManyRequestsException");

    public static ServiceException TooManyManagementRequests(string customerCode, double rate) =>
        Error(ServiceErrorKind.Throttled, $"{customerCode}: Too many requests: the account allows {rate:0.##} management request(s) a second.", customerCode, "TooManyRequestsException");

    private static ServiceException Error(ServiceErrorKind kind, string message, string customerCode, string errorCode) =>
        new(kind, message, customerCode, requestId: Guid.NewGuid().ToString(), errorCode: errorCode);
}
