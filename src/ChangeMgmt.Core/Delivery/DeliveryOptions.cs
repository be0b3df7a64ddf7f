using ChangeMgmt.Core.Messages;

namespace ChangeMgmt.Core.Delivery;

/// <summary>How a delivery runs: for real, or resolving and rendering only (-WhatIf).</summary>
public sealed record DeliveryOptions(bool DryRun = false)
{
    // Declared before Send: static fields are initialised in order.
    public static readonly TimeSpan DefaultClaimLease = TimeSpan.FromMinutes(2);

    public static readonly DeliveryOptions Send = new();

    /// <summary>How long a claimed send may take before another worker may take it over.</summary>
    public TimeSpan ClaimLease { get; init; } = DefaultClaimLease;

    /// <summary>
    /// When to stop claiming recipients (a Lambda invocation's deadline less a margin); what is left is
    /// handed to a continuation. Null: no deadline (local worker, cmdlets).
    /// </summary>
    public DateTimeOffset? StopClaimingAt { get; init; }

    /// <summary>Where an earlier invocation stopped (from a continuation message); null: from the start.</summary>
    public DeliveryCursor? Resume { get; init; }
}
