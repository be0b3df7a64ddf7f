using System.Text.Json;
using ChangeMgmt.Core.Subscriptions;

namespace ChangeMgmt.Lambda.Hosting;

/// <summary>
/// The audit line of each contact a subscription job writes, in the API's audit category (<see cref="AuditMiddleware"/>):
/// <c>{"audit":true,"user":…(who queued it),"action":"subscription-job","jobId":…,"customers":[…],"email":…,"change":"add|update|remove","before":[…],"after":[…]}</c>.
/// </summary>
public sealed class JobAudit(ILoggerFactory loggers)
{
    private static readonly EventId Event = new(4101, "JobAudit");
    private readonly ILogger log = loggers.CreateLogger(AuditMiddleware.Category);

    public void Write(JobWrite write) => log.Log(LogLevel.Information, Event, write, null, static (w, _) => JsonSerializer.Serialize(new Dictionary<string, object?>
    {
        ["audit"] = true, ["user"] = w.User, ["action"] = "subscription-job", ["jobId"] = w.JobId, ["customers"] = new[] { w.Customer },
        ["email"] = w.Email, ["change"] = w.Action, ["before"] = w.Before, ["after"] = w.After, ["outcome"] = "ok",
    }));
}
