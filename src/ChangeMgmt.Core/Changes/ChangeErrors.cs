namespace ChangeMgmt.Core.Changes;

public sealed class ChangeNotFoundException(string changeId)
    : Exception($"Change {changeId} does not exist.")
{
    public string ChangeId { get; } = changeId;
}

/// <summary>The caller's version is not the stored one: someone else changed it first.</summary>
public sealed class ChangeVersionConflictException(string changeId, int expected, int current)
    : Exception($"Change {changeId} is at version {current}, not {expected}: it was changed by someone else. Reload it and apply your edit again.")
{
    public string ChangeId { get; } = changeId;
    public int ExpectedVersion { get; } = expected;
    public int CurrentVersion { get; } = current;
}

public sealed class InvalidTransitionException(string changeId, ChangeStatus from, string action)
    : Exception($"Change {changeId} is {from.ToString().ToLowerInvariant()}; it cannot be {action}.")
{
    public string ChangeId { get; } = changeId;
    public ChangeStatus From { get; } = from;
    public string Action { get; } = action;
}

public sealed record FieldError(string Field, string Message);

/// <param name="subject">What is not valid, for the message ("change", "announcement").</param>
public sealed class ChangeValidationException(IReadOnlyList<FieldError> errors, string subject = "change")
    : Exception($"The {subject} is not valid: " + string.Join("; ", errors.Select(e => $"{e.Field}: {e.Message}")))
{
    public IReadOnlyList<FieldError> Errors { get; } = errors;
    public string Subject { get; } = subject;
}

/// <summary>The change was deleted (it is kept, but no longer read or changed).</summary>
/// <param name="customers">The deleted change's customers, so a host can tell a caller outside them "not found" instead.</param>
public sealed class ChangeDeletedException(string changeId, string? by, DateTimeOffset? at, IReadOnlyList<string>? customers = null)
    : Exception($"Change {changeId} was deleted{(by is null ? "" : $" by {by}")}{(at is null ? "" : $" at {at:u}")}.")
{
    public string ChangeId { get; } = changeId;
    public IReadOnlyList<string> Customers { get; } = customers ?? [];
}

/// <summary>A change asked for as of an event (a status) it never went through.</summary>
public sealed class ChangeEventNotFoundException(string changeId, ChangeStatus current, ChangeStatus asked)
    : Exception($"{changeId} is {current} and was never {asked}; ask for its current status or one it passed through.")
{
    public string ChangeId { get; } = changeId;
}

/// <summary>An approver approving a change they created or last modified, which the policy does not allow.</summary>
public sealed class SelfApprovalNotAllowedException(string changeId, string user)
    : Exception("Approving a change you created or last modified is not allowed: another approver must approve it.")
{
    public string ChangeId { get; } = changeId;
    public string User { get; } = user;
}
