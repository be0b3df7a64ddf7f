using ChangeMgmt.Core.AlternateContacts;
using ChangeMgmt.Core.Configuration;
using ChangeMgmt.Lambda.Hosting;

namespace ChangeMgmt.Lambda.Endpoints;

/// <summary>
/// /api/alternate-contacts: each customer's last drift report (counts; one customer's drifting accounts and failures),
/// read from the bucket, and an admin's request for a fresh check, which the next sweep makes. No route reads an
/// organization: a check takes minutes. Checks are <see cref="Access"/>'s; the reports <see cref="AlternateContactReports"/>'.
/// </summary>
public static class AlternateContactEndpoints
{
    /// <summary>Why local mode has no reports.</summary>
    public const string LocalModeReason = "Local mode reaches no AWS Organization: alternate contacts are checked by the server in AWS mode (the delivery function's sweep).";

    public sealed record AlternateContactsResponse(bool Available, string? Reason, IReadOnlyList<ContactReportSummary> Items);

    public sealed record CheckRequested(string CustomerCode, DateTimeOffset RequestedAt, string Message);

    public static void MapAlternateContactEndpoints(this IEndpointRouteBuilder app)
    {
        var contacts = app.MapGroup("/api/alternate-contacts");
        contacts.MapGet("/", async (LoadedConfig config, ServerSettings settings, Access access, AlternateContactReports reports, CancellationToken ct) =>
        {
            access.Require(Role.Viewer, "Reading alternate contacts");
            var items = await reports.ListAsync(config.Config.Customers.Where(c => access.Caller.InScope(c.CustomerCode)), ct);
            return TypedResults.Ok(new AlternateContactsResponse(Available(settings), Available(settings) ? null : LocalModeReason, items));
        });
        contacts.MapGet("/{customer}", async (string customer, LoadedConfig config, Access access, AlternateContactReports reports, CancellationToken ct) =>
            TypedResults.Ok(await reports.GetAsync(access.ReadAlternateContacts(config, customer), ct)));
        contacts.MapPost("/{customer}/check", RequestCheckAsync);
    }

    private static async Task<IResult> RequestCheckAsync(string customer, LoadedConfig config, ServerSettings settings, Access access, AlternateContactReports reports, CancellationToken ct)
    {
        var c = access.RequestContactCheck(config, customer);
        if (!Available(settings)) return TypedResults.Problem(LocalModeReason, statusCode: 409, title: "No alternate contact checks here");
        var request = await reports.RequestAsync(c, access.User, ct);
        return TypedResults.Accepted($"/api/alternate-contacts/{c.CustomerCode}",
            new CheckRequested(c.CustomerCode, request.RequestedAt, "Check requested; results after the next sweep."));
    }

    private static bool Available(ServerSettings settings) => settings.Mode == ServerMode.Aws;
}
