using ChangeMgmt.Core.Changes;
using ChangeMgmt.Core.Configuration;
using ChangeMgmt.Core.Errors;

namespace ChangeMgmt.Lambda.Endpoints;

/// <summary>Domain errors → RFC 9457 problem details, in one place.</summary>
public static class Problems
{
    public static IResult From(Exception exception) => exception switch
    {
        ChangeNotFoundException e => Results.Problem(e.Message, statusCode: 404, title: "Change not found"),
        ChangeDeletedException e => Results.Problem(e.Message, statusCode: 410, title: "Change deleted"),
        ChangeValidationException e => Results.ValidationProblem(
            e.Errors.GroupBy(f => f.Field).ToDictionary(g => g.Key, g => g.Select(f => f.Message).ToArray()),
            detail: e.Message, title: "The change is not valid"),
        ChangeVersionConflictException e => Results.Problem(e.Message, statusCode: 412, title: "Stale version",
            extensions: new Dictionary<string, object?> { ["currentVersion"] = e.CurrentVersion }),
        InvalidTransitionException e => Results.Problem(e.Message, statusCode: 409, title: "Not allowed in this status",
            extensions: new Dictionary<string, object?> { ["changeStatus"] = e.From.ToString().ToLowerInvariant() }),
        UnknownCustomerException e => Results.Problem(e.Message, statusCode: 404, title: "Unknown customer"),
        ServiceException { Kind: ServiceErrorKind.Throttled } e => Results.Problem(e.Message, statusCode: 503, title: "Throttled; try again"),
        _ => throw exception,
    };

    public static IResult BadRequest(string field, string message) =>
        Results.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }, title: "The request is not valid");
}
