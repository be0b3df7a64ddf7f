using ChangeMgmt.Core.Changes;
using ChangeMgmt.Core.Configuration;
using ChangeMgmt.Core.Delivery;
using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Lambda.Endpoints;

public static class DeliveryEndpoints
{
    public static void MapDeliveryEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/me", (Access access) => Results.Ok(Me(access.Caller)));
        app.MapGet("/api/customers", (LoadedConfig config, Access access) => Customers(config, access));
        app.MapGet("/api/changes/{id}/deliveries", DeliveriesAsync);
        app.MapGet("/api/changes/{id}/status", async (string id, ChangeService changes, IDeliveryLedger ledger, IDeadLetterStore deadLetters, IObjectStore store, Access access, CancellationToken ct) =>
        {
            var change = await access.FindAsync(changes, id, ct);
            // A version whose writer died before its triggers were written is finished on read, too.
            await changes.CompletePendingWritesAsync(change.ChangeId, ct);
            var items = await DeliveryStatus.ReadAsync(change with { Customers = [.. change.Customers.Where(access.Caller.InScope)] }, ledger, deadLetters, store, ct);
            return Results.Ok(new { items });
        });
        app.MapGet("/api/dead-letters", DeadLettersAsync);
        app.MapPost("/api/dead-letters/redrive", RedriveAsync);
    }

    /// <summary>
    /// Both kinds of dead letter: those we kept with their reason (dead-letters), and the messages the queue moved to its
    /// dead-letter queue with the last failed attempt's reason; a customer's, or every customer's in the caller's scope.
    /// </summary>
    private static async Task<IResult> DeadLettersAsync(string? customer, string? changeId, IDeadLetterStore kept, DeadLetters deadLetters, LoadedConfig config, Access access, CancellationToken ct)
    {
        access.Require(Role.Admin, "Reading dead letters");
        access.RequireCustomer(customer);
        var codes = customer is null ? config.Config.Customers.Select(c => c.CustomerCode).Where(access.Caller.InScope).ToList() : [customer];
        var items = (await deadLetters.ListAsync(codes, changeId, ct)).ToList();
        // Letters whose queue named no configured customer; only an unscoped admin sees them.
        if (customer is null && access.Caller.Customers is null)
            items.AddRange((await kept.ListAsync(null, ct)).Where(l => l.CustomerCode is null || config.Config.FindCustomer(l.CustomerCode) is null)
                .Select(l => new DeadLetterEntry(l.CustomerCode, l.MessageId, null, l.Reason, l.At, DeadLetters.KeptLocation, l.Body)));
        return Results.Ok(new { items = items.OrderBy(e => e.At) });
    }

    /// <summary>Sends every dead letter of one customer back to its queue (admin).</summary>
    private static async Task<IResult> RedriveAsync(string? customer, DeadLetters deadLetters, LoadedConfig config, Access access, CancellationToken ct)
    {
        access.Require(Role.Admin, "Redriving dead letters");
        access.RequireCustomer(customer);
        if (string.IsNullOrEmpty(customer) || config.Config.FindCustomer(customer) is null)
            return Problems.BadRequest("customer", $"'{customer}' is not a configured customer; name one with ?customer=CODE.");
        return Results.Ok(await deadLetters.RedriveAsync(customer, ct));
    }

    /// <summary>The configured customers; a customer-scoped caller's only.</summary>
    private static IResult Customers(LoadedConfig config, Access access)
    {
        access.Require(Role.Viewer, "Reading customers");
        return Results.Ok(new
        {
            items = config.Config.Customers.Where(c => access.Caller.InScope(c.CustomerCode)).OrderBy(c => c.CustomerCode).Select(c => new
            {
                code = c.CustomerCode, name = c.DisplayName, environment = c.Environment, region = c.Region,
            }),
        });
    }

    /// <summary>The signed-in user as the portal shows them; in local mode the loopback operator.</summary>
    private static object Me(Caller caller) => caller.Via == SignIn.Local
        ? new { user = caller.User, mode = caller.Mode, roles = new[] { "admin" }, local = true }
        : new
        {
            user = caller.User, name = caller.Name, email = caller.Email, mode = caller.Mode,
            roles = caller.Roles.Order().Select(Caller.RoleName).ToArray(),
            customers = caller.Customers?.Order(StringComparer.Ordinal).ToArray(),
            local = false,
        };

    private static async Task<IResult> DeliveriesAsync(string id, string? customer, ChangeService changes, IDeliveryLedger ledger, Access access, CancellationToken ct)
    {
        access.RequireCustomer(customer);
        var change = access.Redact(await access.FindAsync(changes, id, ct));
        var records = (await ledger.ListAsync(change.ChangeId, customer, ct)).Where(r => access.Caller.InScope(r.Key.CustomerCode)).ToList();
        return Results.Ok(new
        {
            changeId = change.ChangeId,
            version = change.Version,
            customers = change.Customers.Where(c => customer is null || c == customer).Select(code => CustomerStatus(code, records)),
            items = records.Select(r => new
            {
                customer = r.Key.CustomerCode, kind = r.Key.Kind, version = r.Key.Version, recipient = r.Key.Recipient,
                topic = r.Topic, state = r.State, messageId = r.MessageId, error = r.Error, attempts = r.Attempts, updatedAt = r.UpdatedAt,
            }),
        });
    }

    private static object CustomerStatus(string code, IReadOnlyList<DeliveryRecord> records)
    {
        var mine = records.Where(r => r.Key.CustomerCode == code).ToList();
        return new
        {
            customer = code,
            sent = mine.Count(r => r.State == DeliveryState.Sent),
            sending = mine.Count(r => r.State == DeliveryState.Sending),
            failed = mine.Count(r => r.State == DeliveryState.Failed),
            lastError = mine.Where(r => r.State == DeliveryState.Failed).OrderByDescending(r => r.UpdatedAt).FirstOrDefault()?.Error,
        };
    }
}
