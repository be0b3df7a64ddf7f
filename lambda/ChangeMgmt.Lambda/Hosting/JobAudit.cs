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

    public void Write(JobWrite write) => log.Log(LogLevel.Information, Event, write, null, static (w, _) => Line(w));

    internal static string Line(JobWrite write) => AuditJson.Line(w =>
    {
        w.WriteString("user", write.User);
        w.WriteString("action", "subscription-job");
        w.WriteString("jobId", write.JobId);
        w.WriteStrings("customers", [write.Customer]);
        w.WriteString("email", write.Email);
        w.WriteString("change", write.Action);
        w.WriteStrings("before", write.Before);
        w.WriteStrings("after", write.After);
        w.WriteString("outcome", "ok");
    });
}
