using ChangeMgmt.Core.Changes;
using ChangeMgmt.Core.Configuration;
using ChangeMgmt.Core.Delivery;
using ChangeMgmt.Core.Messages;
using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Lambda.Endpoints;

public static class DeliveryEndpoints
{
    public static void MapDeliveryEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/health", (Caller caller) => Results.Ok(new { status = "ok", mode = caller.Mode }));
        app.MapGet("/api/me", (Caller caller) => Results.Ok(new { user = caller.User, mode = caller.Mode, roles = new[] { "admin" } }));
        app.MapGet("/api/customers", (LoadedConfig config) => Results.Ok(new
        {
            items = config.Config.Customers.OrderBy(c => c.CustomerCode).Select(c => new
            {
                code = c.CustomerCode, name = c.DisplayName, environment = c.Environment, region = c.Region,
            }),
        }));
        app.MapGet("/api/changes/{id}/deliveries", DeliveriesAsync);
        app.MapGet("/api/changes/{id}/status", async (string id, ChangeService changes, IDeliveryLedger ledger, IDeadLetterStore deadLetters, IObjectStore store, CancellationToken ct) =>
            Results.Ok(new { items = await DeliveryStatus.ReadAsync((await changes.GetAsync(id, ct)).Change, ledger, deadLetters, store, ct) }));
        app.MapGet("/api/dead-letters", async (string? customer, IDeadLetterStore deadLetters, CancellationToken ct) =>
            Results.Ok(new { items = await deadLetters.ListAsync(customer, ct) }));
        app.MapPost("/events", (SqsEvent batch, SqsBatchHandler handler, CancellationToken ct) => handler.HandleAsync(batch, ct));
    }

    private static async Task<IResult> DeliveriesAsync(string id, string? customer, ChangeService changes, IDeliveryLedger ledger, CancellationToken ct)
    {
        var change = (await changes.GetAsync(id, ct)).Change;
        var records = await ledger.ListAsync(change.ChangeId, customer, ct);
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
