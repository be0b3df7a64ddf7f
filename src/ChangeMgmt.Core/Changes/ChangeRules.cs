namespace ChangeMgmt.Core.Changes;

/// <summary>
/// The governance rules of a lifecycle action, checked by <see cref="ChangeService"/> for the server and
/// the cmdlets alike: no approving one's own change (unless the policy allows it, or an explicit override
/// with a reason), a comment to reject, no submitting or approving a window that has ended (unless
/// backdated, with a reason), no completing before the window starts (unless early, with a reason); an emergency
/// submit or approve (which may run into a freeze, see <see cref="ChangeService"/>) needs a reason too.
/// Returns the overrides used, to be recorded with the action.
/// </summary>
public static class ChangeRules
{
    public const string SelfApproval = "self_approval";
    public const string Backdated = "backdated";
    public const string Early = "early";
    public const string Emergency = "emergency";

    /// <summary>
    /// True when <paramref name="user"/> approves their own change by an explicit override; refused without
    /// one unless the policy allows it. Checked before the lifecycle too, so an approver's own change is
    /// refused whatever its status (as the API always did).
    /// </summary>
    public static bool OverridesSelfApproval(Change current, ChangeAction action, ChangeActionRequest request, string user, bool selfApprovalPolicy) =>
        action == ChangeAction.Approve && OverridesSelfApproval(current.ChangeId, current.CreatedBy, current.ModifiedBy, request, user, selfApprovalPolicy);

    /// <summary>The same rule for any approved object (an announcement): its creator or last modifier approving it.</summary>
    public static bool OverridesSelfApproval(string id, string? createdBy, string? modifiedBy, ChangeActionRequest request, string user, bool selfApprovalPolicy)
    {
        if (createdBy != user && modifiedBy != user) return false;
        if (request.SelfApprovalAllowed ?? selfApprovalPolicy) return false;
        return request.OverrideSelfApproval ? true : throw new SelfApprovalNotAllowedException(id, user);
    }

    public static IReadOnlyList<string> Check(Change current, ChangeAction action, ChangeActionRequest request, string user, bool selfApprovalPolicy, DateTimeOffset now)
    {
        var overrides = new List<string>();
        var errors = new List<FieldError>();
        if (OverridesSelfApproval(current, action, request, user, selfApprovalPolicy)) overrides.Add(SelfApproval);
        if (action == ChangeAction.Reject && string.IsNullOrWhiteSpace(request.Comment))
            errors.Add(new("comment", "Say why the change is rejected: its author reads the comment to fix and resubmit it."));
        if (action is ChangeAction.Submit or ChangeAction.Approve && current.ImplementationEnd is { } end && end <= now)
        {
            if (request.Backdated) overrides.Add(Backdated);
            else errors.Add(new("implementationEnd", $"The window ended at {end:u}; move it to the future, or {Verb(action)} it as backdated (an emergency change already carried out) with a reason."));
        }
        if (action == ChangeAction.Complete && current.ImplementationStart is { } start && start > now)
        {
            if (request.Early) overrides.Add(Early);
            else errors.Add(new("implementationStart", $"The window starts at {start:u}; completing before it needs confirmation: complete it as early, with a reason."));
        }
        if (request.Emergency && action is ChangeAction.Submit or ChangeAction.Approve) overrides.Add(Emergency);
        if (overrides.Count > 0 && string.IsNullOrWhiteSpace(request.Reason))
            errors.Add(new("reason", "An override (backdated, early, self-approval, emergency) needs a reason; it is recorded in the change's history and an emergency's is shown in its emails."));
        if (errors.Count > 0) throw new ChangeValidationException(errors);
        return overrides;
    }

    private static string Verb(ChangeAction action) => action.ToString().ToLowerInvariant();
}
