using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Core.Feedback;

/// <summary>
/// One recipient an SES event concerns; <paramref name="Status"/> and <paramref name="DiagnosticCode"/> are the
/// remote MTA's words for a bounce or a delay (SES gives them per recipient).
/// </summary>
public sealed record SesRecipient(string Address, string? Status = null, string? DiagnosticCode = null);

/// <summary>
/// One SES email sending event, whichever way it arrived (EventBridge, SNS, raw).
/// <paramref name="MessageId"/> is the SES message id our send returned, the key to the ledger.
/// <paramref name="Tags"/> are the message tags, first value each: ours are <c>customer</c>, <c>change</c>,
/// <c>notification</c>; identity notifications (not configuration-set publishing) carry none.
/// The detail fields are set only for the kind they belong to.
/// </summary>
public sealed record SesEvent(
    SesEventKind Kind,
    string MessageId,
    DateTimeOffset OccurredAt,
    IReadOnlyList<SesRecipient> Recipients,
    IReadOnlyDictionary<string, string> Tags)
{
    public DateTimeOffset? SentAt { get; init; }
    public SesBounceType? BounceType { get; init; }
    public string? BounceSubType { get; init; }
    public string? ComplaintFeedbackType { get; init; }
    public string? RejectReason { get; init; }
    public string? DelayType { get; init; }
    public DateTimeOffset? DelayExpiresAt { get; init; }
    /// <summary>RenderingFailure's error message.</summary>
    public string? FailureMessage { get; init; }
    /// <summary>Subscription: the contact list and whether the contact left every topic.</summary>
    public string? ContactList { get; init; }
    public bool? UnsubscribedAll { get; init; }

    public string? Customer => Tag("customer");
    public string? ChangeId => Tag("change");

    /// <summary>The change version the message was sent for, from the <c>version</c> tag.</summary>
    public int? Version => int.TryParse(Tag("version"), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : null;

    /// <summary>The notification the message was, from the <c>notification</c> tag (a <see cref="NotificationKind"/> name).</summary>
    public NotificationKind? Notification =>
        Enum.TryParse<NotificationKind>(Tag("notification"), ignoreCase: false, out var kind) && Enum.IsDefined(kind) ? kind : null;

    private string? Tag(string name) => Tags.TryGetValue(name, out var value) ? value : null;
}
