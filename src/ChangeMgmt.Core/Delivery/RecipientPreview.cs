using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Core.Delivery;

/// <summary>What a delivery would do for one contact, as a preview (dry run) reports it.</summary>
// long, not int: PowerShell's ConvertTo-Json writes long-based enums by name, so exported output reads as words.
public enum RecipientDecision : long { WouldSend, AlreadySent, SendingElsewhere, Unsubscribed, Suppressed, Restricted }

/// <summary>One contact of a previewed notification: whether it would get the email, and if not, why.</summary>
public sealed record RecipientPreview(string EmailAddress, RecipientDecision Decision, string? Reason)
{
    public bool WouldSend => Decision == RecipientDecision.WouldSend;

    /// <summary>The preview in a line: who would receive the email, or who is skipped and why.</summary>
    public string Describe() => WouldSend
        ? $"{EmailAddress} would receive it" + (Reason is null ? "" : $" ({Reason})")
        : $"{EmailAddress} skipped: {Reason}";
}

/// <summary>Turns the audience's decisions into a notification's preview, reading the ledger without claiming anything.</summary>
internal static class DeliveryPreview
{
    public static NotificationResult For(PlannedNotification planned, int version, IReadOnlyList<RecipientPreview> decisions, IReadOnlyList<DeliveryRecord> ledger)
    {
        var recorded = ledger.Where(r => r.Key.Kind == planned.Kind && r.Key.Version == version)
            .ToDictionary(r => r.Key.Recipient, StringComparer.OrdinalIgnoreCase);
        var preview = decisions.Select(d => d.WouldSend && recorded.TryGetValue(d.EmailAddress, out var record) ? FromLedger(d, record) : d).ToList();
        var eligible = decisions.Where(d => d.WouldSend).Select(d => d.EmailAddress).ToList();
        var alreadySent = preview.Count(p => p.Decision == RecipientDecision.AlreadySent);
        return new(planned.Kind, planned.Topic, eligible, 0, alreadySent, 0, [], Preview: preview);
    }

    private static RecipientPreview FromLedger(RecipientPreview decision, DeliveryRecord record) => record.State switch
    {
        DeliveryState.Sent => decision with { Decision = RecipientDecision.AlreadySent, Reason = "already sent" },
        DeliveryState.Sending => decision with { Decision = RecipientDecision.SendingElsewhere, Reason = $"another process is sending it (claimed {record.UpdatedAt:u})" },
        _ => decision with { Reason = $"again: the last attempt failed: {record.Error}" },
    };
}
