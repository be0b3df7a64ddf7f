namespace ChangeMgmt.Core.Changes;

/// <summary>
/// What comes with a lifecycle action besides the change: the approver's comment (optional on approve,
/// required on reject), the reason of a cancellation, and the explicit overrides of a rule, each of which
/// needs <see cref="Reason"/> and is recorded with it in the change's modifications.
/// </summary>
public sealed record ChangeActionRequest
{
    public static readonly ChangeActionRequest None = new();

    /// <summary>The approver's comment (approve: optional; reject: required).</summary>
    public string? Comment { get; init; }

    /// <summary>Why: the cancellation's reason, and the reason for any override below.</summary>
    public string? Reason { get; init; }

    /// <summary>The host's policy for approving one's own change; null: config.json <c>auth.allow_self_approval</c>.</summary>
    public bool? SelfApprovalAllowed { get; init; }

    /// <summary>Approve one's own change although the policy does not allow it (the cmdlet's -AllowSelfApproval).</summary>
    public bool OverrideSelfApproval { get; init; }

    /// <summary>Submit or approve a change whose window has already ended (an emergency change carried out already).</summary>
    public bool Backdated { get; init; }

    /// <summary>Complete a change before its window starts.</summary>
    public bool Early { get; init; }

    /// <summary>
    /// An emergency change: submit or approve it although its window runs into a freeze. Needs <see cref="Reason"/>,
    /// which is recorded and shown in the change's emails.
    /// </summary>
    public bool Emergency { get; init; }
}
