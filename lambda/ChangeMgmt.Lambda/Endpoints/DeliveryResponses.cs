using ChangeMgmt.Core.Delivery;
using System.Text.Json.Serialization;
using ChangeMgmt.Core.Feedback;
using ChangeMgmt.Core.Ports;
using ChangeMgmt.Core.Readiness;

namespace ChangeMgmt.Lambda.Endpoints;

/// <summary>GET /api/me: the signed-in user; in local mode the loopback operator (no name, email or customers).</summary>
public sealed record MeResponse(string User, string? Name, string? Email, string Mode, string[] Roles, string[]? Customers, bool Local);

public sealed record CustomerListItem(string Code, string Name, string? Environment, string? Region, ReadinessItem Readiness);

/// <summary>Whether the customer's SES account will deliver notices: Ready null when it could not be checked; else the first failing check.</summary>
public sealed record ReadinessItem([property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] bool? Ready, string? Check, string? Detail, string? Fix)
{
    public static ReadinessItem From(ReadinessState state) =>
        new(state.Ready, state.FirstFailure?.Check, state.FirstFailure?.Detail, state.FirstFailure?.Fix);
}

public sealed record CustomersResponse(IReadOnlyList<CustomerListItem> Items);

/// <summary>GET /api/reputation: one per customer in the caller's scope.</summary>
public sealed record ReputationResponse(IReadOnlyList<CustomerReputation> Items);

/// <summary>GET /api/changes/{id}/status: one status per customer of the change in the caller's scope.</summary>
public sealed record StatusResponse(IReadOnlyList<CustomerDeliveryStatus> Items);

/// <summary>One email of the ledger (outcome records are not among them), with what SES said about it (outcome: null until SES reports).</summary>
public sealed record DeliveryItem(
    string Customer, NotificationKind Kind, int Version, string Recipient, string Topic, DeliveryState State,
    string? MessageId, string? Error, int Attempts, DateTimeOffset UpdatedAt,
    RecipientOutcome? Outcome, string? OutcomeDetail, DateTimeOffset? OutcomeAt)
{
    public static DeliveryItem From(DeliveryRecord r) =>
        new(r.Key.CustomerCode, r.Key.Kind, r.Key.Version, r.Key.Recipient, r.Topic, r.State, r.MessageId, r.Error, r.Attempts, r.UpdatedAt,
            r.Outcome, r.OutcomeDetail, r.OutcomeAt);
}

/// <summary>GET /api/changes/{id}/deliveries: who got what; the per-customer status is /status.</summary>
public sealed record DeliveriesResponse(string ChangeId, int Version, IReadOnlyList<DeliveryItem> Items);

public sealed record DeadLettersResponse(IReadOnlyList<DeadLetterEntry> Items);
