using ChangeMgmt.Core.Feedback;
using ChangeMgmt.Core.Changes;
using ChangeMgmt.Core.Configuration;
using ChangeMgmt.Core.Delivery;
using ChangeMgmt.Core.Ports;
using ChangeMgmt.Core.Readiness;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ChangeMgmt.Lambda.Endpoints;

public static class DeliveryEndpoints
{
    public static void MapDeliveryEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/me", (Access access) => TypedResults.Ok(Me(access.Caller)));
        app.MapGet("/api/customers", CustomersAsync);
        app.MapGet("/api/reputation", ReputationAsync);
        app.MapGet("/api/changes/{id}/deliveries", DeliveriesAsync);
        app.MapGet("/api/changes/{id}/status", StatusAsync);
        app.MapGet("/api/dead-letters", DeadLettersAsync);
        app.MapPost("/api/dead-letters/redrive", RedriveAsync);
    }

    /// <summary>Per customer of the change in the caller's scope, from the one Core reader (also Get-ChangeDeliveryStatus).</summary>
    private static async Task<Ok<StatusResponse>> StatusAsync(string id, ChangeService changes, DeliveryStatusReader status, Access access, CancellationToken ct)
    {
        var change = await access.FindAsync(changes, id, ct);
        // A version whose writer died before its triggers were written is finished on read, too.
        await changes.CompletePendingWritesAsync(change.ChangeId, ct);
        return await StatusOfAsync(DeliverySubject.Of(change), status, access, ct);
    }

    /// <summary>A change's or an announcement's status, for the customers in the caller's scope only.</summary>
    internal static async Task<Ok<StatusResponse>> StatusOfAsync(DeliverySubject subject, DeliveryStatusReader status, Access access, CancellationToken ct) =>
        TypedResults.Ok(new StatusResponse(await status.ReadAsync(subject with { Customers = [.. subject.Customers.Where(access.Caller.InScope)] }, ct)));

    /// <summary>
    /// Both kinds of dead letter: those we kept with their reason (dead-letters), and the messages the queue moved to its
    /// dead-letter queue with the last failed attempt's reason; a customer's, or every customer's in the caller's scope.
    /// </summary>
    private static async Task<Ok<DeadLettersResponse>> DeadLettersAsync(string? customer, string? changeId, DeadLetters deadLetters, LoadedConfig config, Access access, CancellationToken ct)
    {
        access.Require(Role.Admin, "Reading dead letters");
        access.RequireCustomer(customer);
        var codes = customer is null ? config.Config.Customers.Select(c => c.CustomerCode).Where(access.Caller.InScope).ToList() : [customer];
        var items = (await deadLetters.ListAsync(codes, changeId, ct)).ToList();
        // Letters of no configured customer (SES events no parser reads among them); only an unscoped admin sees them.
        if (customer is null && access.Caller.Customers is null)
            items.AddRange(await deadLetters.ListUnassignedAsync(code => config.Config.FindCustomer(code) is not null, ct));
        return TypedResults.Ok(new DeadLettersResponse([.. items.OrderBy(e => e.At)]));
    }

    /// <summary>Sends every dead letter of one customer back to its queue (admin).</summary>
    private static async Task<Results<Ok<RedriveResult>, ValidationProblem>> RedriveAsync(string? customer, DeadLetters deadLetters, LoadedConfig config, Access access, CancellationToken ct)
    {
        access.Require(Role.Admin, "Redriving dead letters");
        access.RequireCustomer(customer);
        if (string.IsNullOrEmpty(customer) || config.Config.FindCustomer(customer) is null)
            return InvalidCustomer($"'{customer}' is not a configured customer; name one with ?customer=CODE.");
        return TypedResults.Ok(await deadLetters.RedriveAsync(customer, ct));
    }

    /// <summary>The shape of <see cref="Problems.BadRequest"/>, typed; also the preview's.</summary>
    internal static ValidationProblem InvalidCustomer(string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["customer"] = [message] }, title: "The request is not valid");

    /// <summary>The configured customers with their readiness (cached; unknown when it could not be read); a customer-scoped caller's only.</summary>
    private static async Task<Ok<CustomersResponse>> CustomersAsync(LoadedConfig config, CustomerReadinessCache readiness, Access access, CancellationToken ct)
    {
        access.Require(Role.Viewer, "Reading customers");
        var customers = config.Config.Customers.Where(c => access.Caller.InScope(c.CustomerCode)).OrderBy(c => c.CustomerCode).ToList();
        var states = await readiness.ReadAsync(customers, ct);
        return TypedResults.Ok(new CustomersResponse([.. customers.Zip(states,
            (c, s) => new CustomerListItem(c.CustomerCode, c.DisplayName, c.Environment, c.Region, ReadinessItem.From(s)))]));
    }

    /// <summary>Each customer's bounce and complaint rates and SES's own verdict (cached a few minutes); a customer-scoped caller's only.</summary>
    private static async Task<Ok<ReputationResponse>> ReputationAsync(LoadedConfig config, ReputationService reputation, Access access, CancellationToken ct)
    {
        access.Require(Role.Viewer, "Reading reputation");
        var customers = config.Config.Customers.Where(c => access.Caller.InScope(c.CustomerCode)).OrderBy(c => c.CustomerCode, StringComparer.Ordinal);
        return TypedResults.Ok(new ReputationResponse(await reputation.GetAsync(customers, withSes: true, ct)));
    }

    /// <summary>The signed-in user as the portal shows them; in local mode the loopback operator.</summary>
    private static MeResponse Me(Caller caller) => caller.Via == SignIn.Local
        ? new(caller.User, null, null, caller.Mode, ["admin"], null, true)
        : new(caller.User, caller.Name, caller.Email, caller.Mode, [.. caller.Roles.Order().Select(Caller.RoleName)],
            caller.Customers?.Order(StringComparer.Ordinal).ToArray(), false);

    /// <summary>Every email recorded for the change (a customer's, with ?customer=), in the caller's scope.</summary>
    private static async Task<Ok<DeliveriesResponse>> DeliveriesAsync(string id, string? customer, ChangeService changes, IDeliveryLedger ledger, Access access, CancellationToken ct)
    {
        access.RequireCustomer(customer);
        var change = await access.FindAsync(changes, id, ct);
        return await DeliveriesOfAsync(change.ChangeId, change.Version, customer, ledger, access, ct);
    }

    /// <summary>The ledger's emails for a change or an announcement (the ledger keys both by id), in the caller's scope.</summary>
    internal static async Task<Ok<DeliveriesResponse>> DeliveriesOfAsync(string id, int version, string? customer, IDeliveryLedger ledger, Access access, CancellationToken ct)
    {
        var records = await ledger.ListAsync(id, customer, ct);
        return TypedResults.Ok(new DeliveriesResponse(id, version, [.. records.Where(r => access.Caller.InScope(r.Key.CustomerCode)).Select(DeliveryItem.From)]));
    }
}
