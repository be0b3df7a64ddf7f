namespace ChangeMgmt.Core.Feedback;

/// <summary>
/// What contact hygiene did for one outcome: the action taken on the contact, or why none (<paramref name="Skipped"/>:
/// nothing to do; <paramref name="Failure"/>: it could not be done now and is to be tried again).
/// </summary>
public sealed record HygieneResult(string CustomerCode, string EmailAddress, RecipientOutcome Outcome, HygieneAction Action, string ChangeId, DateTimeOffset At, string? Skipped = null, string? Failure = null);
