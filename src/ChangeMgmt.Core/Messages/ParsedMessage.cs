using ChangeMgmt.Core.Reminders;

namespace ChangeMgmt.Core.Messages;

/// <summary>
/// A trigger object named by a queue message: <c>customers/{code}/{changeId}.json</c>; <paramref name="Resume"/>
/// when the message continues a delivery an invocation's deadline cut short.
/// </summary>
public sealed record ChangeTrigger(string Bucket, string Key, string CustomerCode, string ChangeId, DateTimeOffset? EventTime, DeliveryCursor? Resume = null)
{
    /// <summary>The timed notice the trigger asks for (its key's <c>.{moment}</c>); null: the notice of the change's status.</summary>
    public ChangeMoment? Moment { get; init; }
}

/// <summary>What a queue message body turned out to be.</summary>
public abstract record ParsedMessage
{
    /// <summary>S3's <c>s3:TestEvent</c>, sent when a notification configuration is created: acknowledge and ignore.</summary>
    public sealed record TestEvent : ParsedMessage;

    /// <summary>Only records that name no change (e.g. removals): nothing to send.</summary>
    public sealed record NothingToDo(string Reason) : ParsedMessage;

    public sealed record Triggers(IReadOnlyList<ChangeTrigger> Items) : ParsedMessage;

    /// <summary>The body can never be processed; kept as a dead letter with this reason.</summary>
    public sealed record Malformed(string Reason) : ParsedMessage;
}
