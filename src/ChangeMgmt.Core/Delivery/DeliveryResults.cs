using ChangeMgmt.Core.Messages;
using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Core.Delivery;

public sealed record RecipientFailure(string Recipient, string Reason);

/// <summary>
/// The outcome of one notification (kind + topic) of one change to one customer. Sent, AlreadySent, InProgressElsewhere
/// and Failures count what this attempt did (a continuation does not count again what an earlier invocation handled).
/// <paramref name="Deferred"/>: recipients not claimed before the invocation's deadline, the first of them (ordinal,
/// lower case) <paramref name="ResumeFrom"/>. A preview (dry run) sends nothing: <paramref name="Preview"/> names every
/// contact with what would happen to it, and AlreadySent counts what the ledger holds as sent.
/// </summary>
public sealed record NotificationResult(
    NotificationKind Kind,
    string Topic,
    IReadOnlyList<string> Recipients,
    int Sent,
    int AlreadySent,
    int InProgressElsewhere,
    IReadOnlyList<RecipientFailure> Failures,
    string? Error = null,
    int Deferred = 0,
    string? ResumeFrom = null,
    IReadOnlyList<RecipientPreview>? Preview = null)
{
    public bool Complete => Error is null && Failures.Count == 0 && InProgressElsewhere == 0 && Deferred == 0;
}

/// <summary>Everything one change version meant for one customer.</summary>
public sealed record CustomerDelivery(
    string CustomerCode,
    string ChangeId,
    int Version,
    IReadOnlyList<NotificationResult> Notifications,
    bool DryRun,
    string? Error = null)
{
    public bool Complete => Error is null && Notifications.All(n => n.Complete);

    /// <summary>
    /// What is missing is the customer's own setup (no contact list, a topic not on it), recorded with its fix:
    /// retrying the message cannot help, so it is not retried; the fix and a retry of the delivery are.
    /// </summary>
    public bool NeedsFix => Error is null && Notifications.Any(n => n.Error is not null)
        && Notifications.All(n => n.Error is not null || n.Complete);

    /// <summary>Nothing failed; only recipients another process holds a live claim on are left.</summary>
    public bool WaitsForOthers => !Complete && Error is null
        && Notifications.All(n => n.Error is null && n.Failures.Count == 0) && Notifications.Any(n => n.InProgressElsewhere > 0);

    /// <summary>Why the delivery is not complete, in one line: the error, or how many failed and the first reason.</summary>
    public string FailureReason()
    {
        if (Error is not null) return Error;
        if (Notifications.FirstOrDefault(n => n.Error is not null) is { } broken) return broken.Error!;
        var failures = Notifications.SelectMany(n => n.Failures).ToList();
        return failures.Count == 0
            ? Summary()
            : $"{failures.Count} of {Notifications.Sum(n => n.Recipients.Count)} sends failed; {failures[0].Recipient}: {failures[0].Reason}";
    }

    /// <summary>
    /// Where a continuation takes over: set when the deadline left recipients unclaimed and nothing else is
    /// wrong (no failure, nothing held elsewhere), which a retry, not a continuation, deals with.
    /// </summary>
    public DeliveryCursor? Continuation =>
        Error is null && Notifications.All(n => n.Error is null && n.Failures.Count == 0 && n.InProgressElsewhere == 0)
        && Notifications.FirstOrDefault(n => n.Deferred > 0) is { ResumeFrom: { } from } first
            ? new DeliveryCursor(Version, first.Kind, from)
            : null;

    public string Summary() => Error ?? string.Join("; ", Notifications.Select(n => n.Preview is { } preview ? PreviewSummary(n, preview) :
        $"{n.Kind} → {n.Topic}: {n.Sent} sent, {n.AlreadySent} already sent, {n.Failures.Count} failed" +
        (n.InProgressElsewhere > 0 ? $", {n.InProgressElsewhere} in progress elsewhere" : "") +
        (n.Deferred > 0 ? $", {n.Deferred} left for a continuation" : "") +
        (n.Error is null ? "" : $" ({n.Error})")));

    /// <summary>A preview's lines: per notification, who would receive it and who is skipped and why.</summary>
    public IEnumerable<string> PreviewLines() =>
        Notifications.SelectMany(n => (n.Preview ?? []).Select(p => $"{CustomerCode} {n.Kind} → {n.Topic}: {p.Describe()}"));

    private static string PreviewSummary(NotificationResult n, IReadOnlyList<RecipientPreview> preview)
    {
        var skipped = preview.Where(p => p.Decision is not (RecipientDecision.WouldSend or RecipientDecision.AlreadySent))
            .GroupBy(p => p.Decision).Select(g => $"{g.Count()} {g.Key}").ToList();
        return $"{n.Kind} → {n.Topic}: {preview.Count(p => p.WouldSend)} would be sent, {n.AlreadySent} already sent" +
            (skipped.Count > 0 ? $", skipped: {string.Join(", ", skipped)}" : "") + (n.Error is null ? "" : $" ({n.Error})");
    }
}

/// <summary>Process-wide counters, read by the benchmark and /api/stats.</summary>
public sealed class DeliveryCounters
{
    private long sent, throttled, failed;

    public long Sent => Interlocked.Read(ref sent);
    public long Throttled => Interlocked.Read(ref throttled);
    public long Failed => Interlocked.Read(ref failed);

    internal void CountSent() => Interlocked.Increment(ref sent);
    internal void CountThrottled() => Interlocked.Increment(ref throttled);
    internal void CountFailed() => Interlocked.Increment(ref failed);
}
