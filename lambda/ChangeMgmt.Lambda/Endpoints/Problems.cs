using ChangeMgmt.Core.AlternateContacts;
using ChangeMgmt.Core.CalendarFeeds;
using System.Globalization;
using System.Text.Json;
using ChangeMgmt.Core.Announcements;
using ChangeMgmt.Core.Changes;
using ChangeMgmt.Core.Configuration;
using ChangeMgmt.Core.Errors;
using ChangeMgmt.Core.Freezes;
using ChangeMgmt.Core.Subscriptions;

namespace ChangeMgmt.Lambda.Endpoints;

/// <summary>Domain errors → RFC 9457 problem details, in one place.</summary>
public static class Problems
{
    /// <summary>The problem for a domain or request error; null for any other exception (a fault of the server's).</summary>
    public static IResult? From(Exception exception) => exception switch
    {
        ChangeNotFoundException e => TypedResults.Problem(e.Message, statusCode: 404, title: "Change not found"),
        FreezeNotFoundException e => TypedResults.Problem(e.Message, statusCode: 404, title: "Freeze not found"),
        CalendarFeedNotFoundException e => TypedResults.Problem(e.Message, statusCode: 404, title: "Calendar feed not found"),
        ChangeFrozenException e => TypedResults.Problem(e.Message, statusCode: 409, title: "The window runs into a freeze",
            extensions: new Dictionary<string, object?> { ["freezes"] = e.Freezes.Select(o => FrozenBy(e, o)).ToList() }),
        AnnouncementNotFoundException e => TypedResults.Problem(e.Message, statusCode: 404, title: "Announcement not found"),
        AnnouncementTransitionException e => TypedResults.Problem(e.Message, statusCode: 409, title: "Not allowed in this status",
            extensions: new Dictionary<string, object?> { ["announcementStatus"] = e.From.ToString().ToLowerInvariant() }),
        ChangeDeletedException e => TypedResults.Problem(e.Message, statusCode: 410, title: "Change deleted"),
        ChangeValidationException e => Results.ValidationProblem(
            e.Errors.GroupBy(f => f.Field).ToDictionary(g => g.Key, g => g.Select(f => f.Message).ToArray()),
            detail: e.Message, title: $"The {e.Subject} is not valid"),
        ChangeVersionConflictException e => new ETagResult(
            TypedResults.Problem(e.Message, statusCode: 412, title: "Stale version",
                extensions: new Dictionary<string, object?> { ["currentVersion"] = e.CurrentVersion }),
            ETags.For(e.CurrentVersion)),
        InvalidTransitionException e => TypedResults.Problem(e.Message, statusCode: 409, title: "Not allowed in this status",
            extensions: new Dictionary<string, object?> { ["changeStatus"] = e.From.ToString().ToLowerInvariant() }),
        UnknownCustomerException e => TypedResults.Problem(e.Message, statusCode: 404, title: "Unknown customer"),
        SubscriptionCustomerNotFoundException e => TypedResults.Problem(e.Message, statusCode: 404, title: "Customer not found"),
        ContactReportNotFoundException e => TypedResults.Problem(e.Message, statusCode: 404, title: "Customer not found"),
        SubscriptionContactNotFoundException e => TypedResults.Problem(e.Message, statusCode: 404, title: "Contact not found"),
        SubscriptionJobNotFoundException e => TypedResults.Problem(e.Message, statusCode: 404, title: "Job not found"),
        ContactChangedException e => new ETagResult(TypedResults.Problem(e.Message, statusCode: 412, title: "Stale contact"), e.CurrentETag),
        ServiceException { Kind: ServiceErrorKind.Validation } e => TypedResults.Problem(e.Message, statusCode: 400, title: "The request is not valid"),
        ServiceException { Kind: ServiceErrorKind.AlreadyExists } e => TypedResults.Problem(e.Message, statusCode: 409, title: "Already exists"),
        ServiceException { Kind: ServiceErrorKind.Throttled } e => TypedResults.Problem(e.Message, statusCode: 503, title: "Throttled; try again"),
        IdempotencyKeyReusedException e => Results.ValidationProblem(
            new Dictionary<string, string[]> { [ChangeEndpoints.IdempotencyKeyHeader] = [e.Message] },
            statusCode: 422, title: "Idempotency-Key used with another body", extensions: new Dictionary<string, object?> { ["changeId"] = e.ChangeId }),
        SelfApprovalNotAllowedException e => TypedResults.Problem(e.Message, statusCode: 403, title: "Not allowed for your account",
            extensions: new Dictionary<string, object?> { ["requiredRole"] = Caller.RoleName(Role.Approver) }),
        AccessDeniedException e => TypedResults.Problem(e.Message, statusCode: 403, title: "Not allowed for your account",
            extensions: e.RequiredRole is { } role ? new Dictionary<string, object?> { ["requiredRole"] = role } : null),
        BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => BodyTooLarge(ChangeLimits.MaxBodyBytes),
        BadHttpRequestException e => Unreadable(e),
        JsonException e => Unreadable(e),
        BadQueryValueException e => BadRequest(e.Parameter, e.Message),
        _ => null,
    };

    /// <summary>One freeze a refused change runs into: which, why, the occurrence met and the change's customers it holds.</summary>
    public sealed record FreezeRefusal(string FreezeId, string? Name, string? Reason, DateTimeOffset Start, DateTimeOffset End, string? Timezone, IReadOnlyList<string> Customers, bool Global);

    private static FreezeRefusal FrozenBy(ChangeFrozenException e, FreezeOverlap o) =>
        new(o.Freeze.FreezeId, o.Freeze.Name, o.Freeze.Reason, o.Occurrence.Start, o.Occurrence.End, o.Freeze.Timezone, e.CustomersHeld(o.Freeze), o.Freeze.IsGlobal);

    public static IResult UploadTooLarge(long maxBytes) =>
        TypedResults.Problem(string.Create(CultureInfo.InvariantCulture,
            $"An attachment uploaded through the API holds at most {maxBytes / 1024:N0} KiB here. Attach a larger file (up to 7 MB) with New-Announcement or Set-Announcement -Attachment, which write it to the bucket directly, or link to it."),
            statusCode: StatusCodes.Status413PayloadTooLarge,
            title: "Attachment too large to upload here", extensions: new Dictionary<string, object?> { ["maxBytes"] = maxBytes });

    public static IResult BodyTooLarge(long maxBytes) =>
        TypedResults.Problem(string.Create(CultureInfo.InvariantCulture, $"A request body holds at most {maxBytes / 1024:N0} KiB; see the field limits in the README."),
            statusCode: StatusCodes.Status413PayloadTooLarge,
            title: "Request body too large", extensions: new Dictionary<string, object?> { ["maxBytes"] = maxBytes });

    public static IResult BadRequest(string field, string message) =>
        Results.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }, title: "The request is not valid");

    /// <summary>A body that does not bind, named by its JSON field (query values are parsed by the handlers: <see cref="QueryValues"/>).</summary>
    private static IResult Unreadable(BadHttpRequestException e) =>
        e.InnerException is JsonException json ? Unreadable(json) : BadRequest("body", e.Message);

    private static IResult Unreadable(JsonException json) =>
        BadRequest(json.Path is { Length: > 2 } path ? FieldOf(path) : "body", $"Not a valid value: {json.Message.Split(" Path:")[0]}");

    /// <summary><c>$.customers[0]</c> → <c>customers</c>: the change field as its JSON names it.</summary>
    private static string FieldOf(string jsonPath) => jsonPath[2..].Split('.', '[')[0].Trim('\'', ']');
}
