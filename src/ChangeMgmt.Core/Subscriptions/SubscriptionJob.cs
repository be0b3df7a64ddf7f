using System.Text.Json.Serialization;

namespace ChangeMgmt.Core.Subscriptions;

public sealed record JobError(string Email, string Message);

/// <summary>
/// A bulk change queued by the server: its rows are applied one contact at a time, and the job is rewritten after each
/// (<see cref="Done"/> counts the rows worked, <see cref="Failed"/> those among them that failed), so a runner that
/// stops resumes at row <see cref="Done"/>. <see cref="LeaseUntil"/>: a runner holds the job until then.
/// </summary>
public sealed record SubscriptionJob(
    string JobId, string Customer, string Status, int Total, int Done, int Failed, IReadOnlyList<JobError> Errors,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Backup,
    string CreatedBy, DateTimeOffset CreatedAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] DateTimeOffset? StartedAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] DateTimeOffset? FinishedAt, DateTimeOffset? LeaseUntil = null)
{
    public const string Queued = "queued";
    public const string Running = "running";
    public const string Finished = "done";
    public const string FailedStatus = "failed";

    /// <summary>Errors kept in the job itself (the count goes on).</summary>
    public const int MaxErrors = 200;

    [JsonIgnore]
    public bool IsOpen => Status is Queued or Running;
}

/// <summary>One write a job made, for the audit line.</summary>
public sealed record JobWrite(string JobId, string Customer, string User, string Email, string Action, IReadOnlyList<string>? Before, IReadOnlyList<string>? After);
