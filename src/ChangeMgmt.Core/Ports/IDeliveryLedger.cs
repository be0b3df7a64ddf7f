namespace ChangeMgmt.Core.Ports;

public static class NotificationKinds
{
    /// <summary>Whether a kind is an announcement's email (rendered from the announcement, not from a change).</summary>
    public static bool IsAnnouncements(this NotificationKind kind) => kind is NotificationKind.AnnouncementNotice or NotificationKind.AnnouncementCancellation;
}

// long, not int: PowerShell's ConvertTo-Json writes long-based enums by name, so exported output reads as words.

/// <remarks>
/// Ledger rows store the names: existing ones never change. <see cref="Announcement"/> is a change's "scheduled change"
/// email (approved); <see cref="AnnouncementNotice"/> is the email of an announcement object (ANN-…),
/// <see cref="AnnouncementCancellation"/> its withdrawal once sent (with the invite's CANCEL when it had an event).
/// The last four are an approved change's timed notices (<see cref="Reminders.ChangeMoment"/>).
/// </remarks>
public enum NotificationKind : long
{
    ApprovalRequest, Announcement, CalendarInvite, Completion, Cancellation, CalendarCancel, AnnouncementNotice, AnnouncementCancellation,
    ReminderDayBefore, ReminderHourBefore, WindowStarted, WindowEnded,
}

/// <summary>What makes a send unique: one notification of one change version to one recipient.</summary>
public sealed record DeliveryKey(string CustomerCode, string ChangeId, NotificationKind Kind, int Version, string Recipient)
{
    /// <summary>The recipient of an outcome record (no address is "*"): one per notification of a version, once it is processed.</summary>
    public const string OutcomeRecipient = "*";

    public bool IsOutcome => Recipient == OutcomeRecipient;

    public static DeliveryKey Outcome(string customerCode, string changeId, NotificationKind kind, int version) =>
        new(customerCode, changeId, kind, version, OutcomeRecipient);
}

// long, not int: PowerShell's ConvertTo-Json writes long-based enums by name, so exported output reads as words.

public enum DeliveryState : long { Sending, Sent, Failed }

/// <summary>Claimed: this caller sends. AlreadySent: nothing to do. InProgress: another worker holds a live claim; try later.</summary>
public enum ClaimResult { Claimed, AlreadySent, InProgress }

public sealed record DeliveryRecord(
    DeliveryKey Key,
    string Topic,
    DeliveryState State,
    string? MessageId,
    string? Error,
    int Attempts,
    DateTimeOffset UpdatedAt,
    int? Recipients = null)
{
    /// <summary>When SES accepted the message (set when it is marked Sent; records written before feedback have none).</summary>
    public DateTimeOffset? SentAt { get; init; }

    /// <summary>What SES has told about the recipient since (null: nothing yet, or an outcome record).</summary>
    public Feedback.RecipientOutcome? Outcome { get; init; }

    /// <summary>The remote words for the outcome: bounce subtype and diagnostic code, complaint feedback type, reject reason.</summary>
    public string? OutcomeDetail { get; init; }

    public DateTimeOffset? OutcomeAt { get; init; }
}

/// <summary>
/// Makes at-least-once delivery effectively once. A claim is exclusive: only the caller that
/// claims a key sends; a claim whose lease ran out (its worker died) may be claimed again.
/// </summary>
public interface IDeliveryLedger
{
    Task<ClaimResult> TryClaimAsync(DeliveryKey key, string topic, TimeSpan lease, CancellationToken ct);

    Task MarkSentAsync(DeliveryKey key, string messageId, CancellationToken ct);

    /// <summary>Records the failure and releases the claim so a later attempt may send.</summary>
    Task MarkFailedAsync(DeliveryKey key, string error, CancellationToken ct);

    /// <summary>
    /// Gives up a claim whose send never started (the invocation's deadline came first), as if it had not
    /// been claimed: not a failure, and the next attempt claims it again. A Sent record is left as it is.
    /// </summary>
    Task ReleaseAsync(DeliveryKey key, CancellationToken ct);

    /// <summary>
    /// Notes on a notification's outcome record that a continuation will finish it, and how many recipients it
    /// has: the record reads Sending with <see cref="DeliveryRecord.Recipients"/>, holding no claim, until the
    /// continuation that completes it marks it processed. A Sent record is left as it is.
    /// </summary>
    Task MarkContinuingAsync(DeliveryKey outcomeKey, string topic, int recipients, CancellationToken ct);

    /// <summary>
    /// Books the next free span of the customer's SES send time: <paramref name="length"/> long, starting at the end
    /// of the last span booked or at <paramref name="earliest"/>, whichever is later, and returns its start (both in
    /// whole milliseconds). Spans booked by all the processes sending for the customer never
    /// overlap, so each may send at the account's full rate inside its own.
    /// </summary>
    Task<DateTimeOffset> BookSendTimeAsync(string customerCode, DateTimeOffset earliest, TimeSpan length, CancellationToken ct);

    /// <summary>The deliveries to recipients (outcome records are not among them).</summary>
    Task<IReadOnlyList<DeliveryRecord>> ListAsync(string changeId, string? customerCode, CancellationToken ct);

    /// <summary>
    /// In one read, the deliveries and each notification's outcome (<see cref="DeliveryKey.IsOutcome"/>):
    /// Sent once it was processed, to its subscribers or to nobody; Failed, with the reason, when it could
    /// not be (e.g. the contact list lacks its topic) until a later attempt processes it.
    /// </summary>
    Task<IReadOnlyList<DeliveryRecord>> ListWithOutcomesAsync(string changeId, string? customerCode, CancellationToken ct);
}
