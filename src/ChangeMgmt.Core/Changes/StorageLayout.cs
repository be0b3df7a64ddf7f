using ChangeMgmt.Core.Reminders;
namespace ChangeMgmt.Core.Changes;

/// <summary>
/// The one bucket key layout: every top-level prefix the product writes is here, and the MSP stack's bucket has a
/// lifecycle rule for each but <see cref="ArchivePrefix"/> (checked by the template tests).
/// </summary>
public static class StorageLayout
{
    /// <summary>Changes out of draft, every version kept: no lifecycle rule.</summary>
    public const string ArchivePrefix = "archive/";
    public const string VersionsPrefix = "versions/";
    public const string DraftsPrefix = "drafts/";
    /// <summary>Each customer's trigger copy of a change (S3 → that customer's queue).</summary>
    public const string CustomersPrefix = "customers/";
    public const string DeadLettersPrefix = "dead-letters/";
    /// <summary>A long delivery's audience for its continuations.</summary>
    public const string AudiencesPrefix = "audiences/";
    /// <summary>The change index: per-version entries and month objects.</summary>
    public const string IndexPrefix = "index/";
    public const string IdempotencyPrefix = "idempotency/";
    public const string TriggerFailuresPrefix = "triggers-failed/";
    public const string PendingWritesPrefix = "pending-writes/";
    public const string DeliveryAttemptsPrefix = "delivery-attempts/";
    public const string SchedulePrefix = "schedule/";
    /// <summary>Freeze windows, the current version of each (see FreezeKeys).</summary>
    public const string FreezesPrefix = "freezes/";
    /// <summary>A freeze's replaced versions.</summary>
    public const string FreezeVersionsPrefix = "freezes-versions/";
    /// <summary>Issued calendar feeds, one record each (revoked ones kept for audit; see CalendarFeedService).</summary>
    public const string CalendarFeedsPrefix = "calendar-feeds/";
    /// <summary>Customers' subscription jobs (bulk contact changes), their rows, and the contact list backups taken before them.</summary>
    public const string SubscriptionsPrefix = "subscriptions/";
    /// <summary>Each customer's last alternate contact drift report and a pending request for a fresh check (see AlternateContactReports).</summary>
    public const string AlternateContactsPrefix = "alternate-contacts/";

    /// <summary>Every top-level prefix.</summary>
    public static readonly IReadOnlyList<string> Prefixes =
    [
        ArchivePrefix, VersionsPrefix, DraftsPrefix, CustomersPrefix, DeadLettersPrefix, AudiencesPrefix,
        IndexPrefix, IdempotencyPrefix, TriggerFailuresPrefix, PendingWritesPrefix, DeliveryAttemptsPrefix, SchedulePrefix,
        FreezesPrefix, FreezeVersionsPrefix, CalendarFeedsPrefix, SubscriptionsPrefix, AlternateContactsPrefix,
    ];

    public static string Archive(string changeId) => $"{ArchivePrefix}{changeId}.json";
    public static string Draft(string changeId) => $"{DraftsPrefix}{changeId}.json";
    public static string Version(string changeId, int version) => $"{VersionsPrefix}{changeId}/v{version}.json";
    public static string VersionsOf(string changeId) => $"{VersionsPrefix}{changeId}/";
    public static string Freeze(string freezeId) => $"{FreezesPrefix}{freezeId}.json";
    public static string FreezeVersion(string freezeId, int version) => $"{FreezeVersionsPrefix}{freezeId}/v{version}.json";
    public static string CalendarFeed(string tokenId) => $"{CalendarFeedsPrefix}{tokenId}.json";
    public static string CustomerPrefix(string customerCode) => $"{CustomersPrefix}{customerCode}/";
    /// <summary>The audience a long delivery started with, for its continuations (see AudienceSnapshots).</summary>
    public static string Audience(string customerCode, string changeId, int version) => $"{AudiencesPrefix}{customerCode}/{changeId}.v{version}.json.gz";
    /// <summary>
    /// A kept dead letter: <c>dead-letters/{customer or _unknown}/{changeId}/{messageId}.json</c>, the change id left out
    /// when the letter names none; the change in the prefix lets the status list one change's letters.
    /// </summary>
    public static string DeadLetter(string? customerCode, string? changeId, string messageId) =>
        $"{(changeId is null ? DeadLettersOf(customerCode) : DeadLettersOf(customerCode, changeId))}{Uri.EscapeDataString(messageId)}.json";

    public static string DeadLettersOf(string? customerCode) =>
        $"{DeadLettersPrefix}{(string.IsNullOrEmpty(customerCode) ? UnknownCustomer : Uri.EscapeDataString(customerCode))}/";

    public static string DeadLettersOf(string? customerCode, string changeId) => $"{DeadLettersOf(customerCode)}{changeId}/";

    /// <summary>The customer segment of a dead letter whose queue named no customer.</summary>
    public const string UnknownCustomer = "_unknown";

    public static string CustomerTrigger(string customerCode, string changeId) => $"{CustomersPrefix}{customerCode}/{changeId}.json";

    /// <summary>
    /// A timed notice's trigger, <c>customers/{code}/{changeId}.{moment}.json</c> (e.g. <c>.reminder-24h</c>): beside the
    /// change's own trigger, so the customer's bucket notification brings it to the same queue, without replacing it.
    /// </summary>
    public static string MomentTrigger(string customerCode, string changeId, ChangeMoment moment) => $"{CustomersPrefix}{customerCode}/{changeId}.{moment.Name()}.json";

    /// <summary>
    /// Parses <c>customers/{code}/{id}.json</c>, the id a change's or an announcement's (<c>ANN-</c>); anything else is
    /// not a trigger. Which of the two it is, the archive object's <c>object_type</c> says (StoredObjectKind).
    /// </summary>
    public static bool TryParseCustomerTrigger(string key, out string customerCode, out string changeId) =>
        TryParseCustomerTrigger(key, out customerCode, out changeId, out var moment) && moment is null;

    /// <summary>A trigger's customer and id, and for a timed notice's trigger (<see cref="MomentTrigger"/>) its moment.</summary>
    public static bool TryParseCustomerTrigger(string key, out string customerCode, out string changeId, out ChangeMoment? moment)
    {
        customerCode = changeId = "";
        moment = null;
        var parts = key.Split('/');
        if (parts.Length != 3 || parts[0] + "/" != CustomersPrefix || !parts[2].EndsWith(".json", StringComparison.Ordinal))
            return false;
        customerCode = parts[1];
        changeId = parts[2][..^".json".Length];
        var dot = changeId.IndexOf('.', StringComparison.Ordinal);
        if (dot > 0)
        {
            moment = ChangeMoments.Parse(changeId[(dot + 1)..]);
            changeId = changeId[..dot];
            if (moment is null || !ChangeId.IsValid(changeId)) return false;
        }
        return customerCode.Length > 0 && (ChangeId.IsValid(changeId) || Core.Announcements.AnnouncementId.IsValid(changeId));
    }
}
