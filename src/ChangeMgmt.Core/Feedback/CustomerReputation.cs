namespace ChangeMgmt.Core.Feedback;

/// <summary>
/// A customer's sending reputation as our ledger sees it (the last <c>days</c> and the last <c>last_sends</c> sends)
/// and as SES reports it (<paramref name="SesEnforcementStatus"/> HEALTHY, PROBATION or SHUTDOWN; null when SES could not be
/// asked, with <paramref name="SesError"/>). <paramref name="Reason"/> says why the status is not Healthy.
/// </summary>
public sealed record CustomerReputation(
    string CustomerCode,
    ReputationStatus Status,
    string? Reason,
    ReputationWindow Recent,
    ReputationWindow LastSends,
    string? SesEnforcementStatus,
    bool? SesSendingEnabled,
    string? SesError,
    double BounceRateWarning,
    double ComplaintRateWarning);
