using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Core.Delivery;

/// <summary>What to do with a queue message after processing it.</summary>
public abstract record MessageOutcome(string Description)
{
    /// <summary>Done (or nothing to do): delete it.</summary>
    public sealed record Completed(string Description, IReadOnlyList<CustomerDelivery> Deliveries) : MessageOutcome(Description);

    /// <summary>
    /// Partly done when the invocation's deadline came: send the continuation messages (same queue, each a
    /// fresh receive budget), then delete this one.
    /// </summary>
    public sealed record Continue(string Description, IReadOnlyList<string> Continuations, IReadOnlyList<CustomerDelivery> Deliveries) : MessageOutcome(Description)
    {
        public async Task SendAsync(IChangeQueue queue, string customerCode, CancellationToken ct)
        {
            foreach (var body in Continuations)
                await queue.SendAsync(customerCode, body, ct);
        }
    }

    /// <summary>Something passing went wrong (throttling, a service fault): let it come back.</summary>
    public sealed record Retry(string Description) : MessageOutcome(Description);

    /// <summary>
    /// Another process holds live claims on some recipients (it may have crashed): offer the message again
    /// once those leases end, without counting this receive towards dead-lettering.
    /// </summary>
    public sealed record Wait(string Description, TimeSpan Delay) : MessageOutcome(Description);

    /// <summary>It can never succeed: keep it as a dead letter with this reason.</summary>
    public sealed record Poison(string Description) : MessageOutcome(Description);
}

/// <summary>Which receive of a queue message this is, and how many the queue allows before it dead-letters it (null: no limit known).</summary>
public sealed record MessageAttempt(int Number, int? Of);
