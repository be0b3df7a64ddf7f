using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using ChangeMgmt.Core.Changes;
using ChangeMgmt.Core.Configuration;
using ChangeMgmt.Core.Errors;

namespace ChangeMgmt.Lambda.Endpoints;

/// <summary>Domain errors → RFC 9457 problem details, in one place.</summary>
public static partial class Problems
{
    public static IResult From(Exception exception) => exception switch
    {
        ChangeNotFoundException e => Results.Problem(e.Message, statusCode: 404, title: "Change not found"),
        ChangeDeletedException e => Results.Problem(e.Message, statusCode: 410, title: "Change deleted"),
        ChangeValidationException e => Results.ValidationProblem(
            e.Errors.GroupBy(f => f.Field).ToDictionary(g => g.Key, g => g.Select(f => f.Message).ToArray()),
            detail: e.Message, title: "The change is not valid"),
        ChangeVersionConflictException e => new ETagResult(
            Results.Problem(e.Message, statusCode: 412, title: "Stale version",
                extensions: new Dictionary<string, object?> { ["currentVersion"] = e.CurrentVersion }),
            ETags.For(e.CurrentVersion)),
        InvalidTransitionException e => Results.Problem(e.Message, statusCode: 409, title: "Not allowed in this status",
            extensions: new Dictionary<string, object?> { ["changeStatus"] = e.From.ToString().ToLowerInvariant() }),
        UnknownCustomerException e => Results.Problem(e.Message, statusCode: 404, title: "Unknown customer"),
        ServiceException { Kind: ServiceErrorKind.Throttled } e => Results.Problem(e.Message, statusCode: 503, title: "Throttled; try again"),
        IdempotencyKeyReusedException e => Results.ValidationProblem(
            new Dictionary<string, string[]> { [ChangeEndpoints.IdempotencyKeyHeader] = [e.Message] },
            statusCode: 422, title: "Idempotency-Key used with another body", extensions: new Dictionary<string, object?> { ["changeId"] = e.ChangeId }),
        SelfApprovalNotAllowedException e => Results.Problem(e.Message, statusCode: 403, title: "Not allowed for your account",
            extensions: new Dictionary<string, object?> { ["requiredRole"] = Caller.RoleName(Role.Approver) }),
        AccessDeniedException e => Results.Problem(e.Message, statusCode: 403, title: "Not allowed for your account",
            extensions: e.RequiredRole is { } role ? new Dictionary<string, object?> { ["requiredRole"] = role } : null),
        BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => BodyTooLarge(ChangeLimits.MaxBodyBytes),
        BadHttpRequestException e => Unreadable(e),
        JsonException e => Unreadable(e),
        _ => throw exception,
    };

    public static IResult BodyTooLarge(int maxBytes) =>
        Results.Problem(string.Create(CultureInfo.InvariantCulture, $"A request body holds at most {maxBytes / 1024:N0} KiB; see the field limits in the README."),
            statusCode: StatusCodes.Status413PayloadTooLarge,
            title: "Request body too large", extensions: new Dictionary<string, object?> { ["maxBytes"] = maxBytes });

    public static IResult BadRequest(string field, string message) =>
        Results.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }, title: "The request is not valid");

    /// <summary>A body or query value that does not bind, named by its JSON field or its parameter.</summary>
    private static IResult Unreadable(BadHttpRequestException e)
    {
        if (e.InnerException is JsonException json) return Unreadable(json);
        var parameter = BoundParameter().Match(e.Message);
        return parameter.Success
            ? BadRequest(parameter.Groups[1].Value, $"'{parameter.Groups[2].Value}' is not a valid value.")
            : BadRequest("body", e.Message);
    }

    private static IResult Unreadable(JsonException json) =>
        BadRequest(json.Path is { Length: > 2 } path ? FieldOf(path) : "body", $"Not a valid value: {json.Message.Split(" Path:")[0]}");

    /// <summary><c>$.customers[0]</c> → <c>customers</c>: the change field as its JSON names it.</summary>
    private static string FieldOf(string jsonPath) => jsonPath[2..].Split('.', '[')[0].Trim('\'', ']');

    [GeneratedRegex("parameter \"[^\"]* (\\w+)\" from \"([^\"]*)\"")]
    private static partial Regex BoundParameter();
}
