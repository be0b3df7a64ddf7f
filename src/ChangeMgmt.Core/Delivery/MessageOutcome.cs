namespace ChangeMgmt.Core.Delivery;

/// <summary>What to do with a queue message after processing it.</summary>
public abstract record MessageOutcome(string Description)
{
    /// <summary>Done (or nothing to do): delete it.</summary>
    public sealed record Completed(string Description, IReadOnlyList<CustomerDelivery> Deliveries) : MessageOutcome(Description);

    /// <summary>Something passing went wrong (throttling, a service fault): let it come back.</summary>
    public sealed record Retry(string Description) : MessageOutcome(Description);

    /// <summary>It can never succeed: keep it as a dead letter with this reason.</summary>
    public sealed record Poison(string Description) : MessageOutcome(Description);
}
