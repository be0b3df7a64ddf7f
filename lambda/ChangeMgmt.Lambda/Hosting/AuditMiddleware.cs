using System.Collections;
using ChangeMgmt.Lambda.Endpoints;

namespace ChangeMgmt.Lambda.Hosting;

/// <summary>
/// One structured log line (category <c>ChangeMgmt.Audit</c>) per mutating API request, whatever its
/// outcome: <c>{"audit":true,"user":…,"roles":[…],"action":"approve","changeId":…,"customers":[…],"outcome":"ok|denied|error","status":…}</c>.
/// The properties are the log entry's state (JSON logs: under State); the message is the same object as one JSON line.
/// </summary>
public sealed class AuditMiddleware(RequestDelegate next, ILoggerFactory loggers)
{
    public const string Category = "ChangeMgmt.Audit";
    private static readonly EventId Event = new(4100, "Audit");
    private readonly ILogger log = loggers.CreateLogger(Category);

    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (!IsAudited(request))
        {
            await next(context);
            return;
        }
        // Read before the request runs: the exception handler clears the route values when it answers an error.
        var route = new AuditedRoute(ActionOf(context), context.GetRouteValue("id") as string);
        try
        {
            await next(context);
            Write(context, route, context.Response.StatusCode);
        }
        catch
        {
            Write(context, route, StatusCodes.Status500InternalServerError);
            throw;
        }
    }

    private sealed record AuditedRoute(string Action, string? ChangeId);

    private static bool IsAudited(HttpRequest request) =>
        request.Path.StartsWithSegments("/api") && !request.Path.StartsWithSegments("/api/preview")
        && (HttpMethods.IsPost(request.Method) || HttpMethods.IsPut(request.Method) || HttpMethods.IsDelete(request.Method) || HttpMethods.IsPatch(request.Method));

    private void Write(HttpContext context, AuditedRoute route, int status)
    {
        var access = context.Features.Get<Access>();
        var entry = new AuditEntry(
            access?.User,
            access is null ? [] : [.. access.Caller.Roles.Order().Select(Caller.RoleName)],
            route.Action,
            access?.ChangeId ?? route.ChangeId,
            access?.Customers is { } customers ? [.. customers] : [],
            status switch { < 400 => "ok", 401 or 403 => "denied", _ => "error" },
            status);
        log.Log(LogLevel.Information, Event, entry, null, static (e, _) => e.ToJson());
    }

    private static string ActionOf(HttpContext context)
    {
        var request = context.Request;
        var path = request.Path.Value ?? "";
        // A customer's contacts and jobs: the path names the contact written.
        if (request.Path.StartsWithSegments("/api/customers")) return $"{request.Method} {path}";
        if (context.GetRouteValue("action") is string action) return action;
        if (path.EndsWith("/triggers", StringComparison.Ordinal)) return "triggers";
        if (HttpMethods.IsPut(request.Method)) return "update";
        if (HttpMethods.IsDelete(request.Method)) return "delete";
        if (HttpMethods.IsPost(request.Method) && context.GetRouteValue("id") is null && request.Path.StartsWithSegments("/api/changes")) return "create";
        return $"{request.Method} {path}";
    }

    /// <summary>
    /// The audit record: its message is the JSON object; its properties are the log state (JSON console
    /// logs write state values as text, so roles and customers there are comma-separated).
    /// </summary>
    internal sealed record AuditEntry(string? User, string[] Roles, string Action, string? ChangeId, string[] Customers, string Outcome, int Status)
        : IReadOnlyList<KeyValuePair<string, object?>>
    {
        private KeyValuePair<string, object?>[] Pairs =>
        [
            new("audit", true), new("user", User), new("roles", string.Join(",", Roles)), new("action", Action), new("changeId", ChangeId),
            new("customers", string.Join(",", Customers)), new("outcome", Outcome), new("status", Status),
        ];

        public int Count => 8;
        public KeyValuePair<string, object?> this[int index] => Pairs[index];
        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, object?>>)Pairs).GetEnumerator();
        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        public string ToJson() => AuditJson.Line(w =>
        {
            w.WriteString("user", User);
            w.WriteStrings("roles", Roles);
            w.WriteString("action", Action);
            w.WriteString("changeId", ChangeId);
            w.WriteStrings("customers", Customers);
            w.WriteString("outcome", Outcome);
            w.WriteNumber("status", Status);
        });
    }
}
