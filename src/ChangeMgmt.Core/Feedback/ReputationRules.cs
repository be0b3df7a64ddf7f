using ChangeMgmt.Core.Configuration;

namespace ChangeMgmt.Core.Feedback;

/// <summary>The status of a customer's reputation: the worst of SES's own verdict and each window's rates.</summary>
public static class ReputationRules
{
    public static (ReputationStatus Status, string? Reason) Judge(ReputationThresholds t, string? sesEnforcement, bool? sesSendingEnabled, params ReputationWindow[] windows)
    {
        if (sesSendingEnabled == false || string.Equals(sesEnforcement, "SHUTDOWN", StringComparison.OrdinalIgnoreCase))
            return (ReputationStatus.AtRisk, "SES has paused sending for the account: notices to this customer are not delivered. Open a case with AWS from the customer's account.");
        if (string.Equals(sesEnforcement, "PROBATION", StringComparison.OrdinalIgnoreCase))
            return (ReputationStatus.AtRisk, "SES has the account under review (PROBATION): bring the bounce and complaint rates down before AWS pauses sending.");
        var judged = windows.Where(w => w.Sent >= Math.Max(1, t.MinimumSends)).ToList();
        return Worst(judged, w => w.BounceRate, ReputationThresholds.SesBounceReview, ReputationStatus.AtRisk, "bounce")
            ?? Worst(judged, w => w.ComplaintRate, ReputationThresholds.SesComplaintReview, ReputationStatus.AtRisk, "complaint")
            ?? Worst(judged, w => w.BounceRate, t.BounceRateWarning, ReputationStatus.Warning, "bounce")
            ?? Worst(judged, w => w.ComplaintRate, t.ComplaintRateWarning, ReputationStatus.Warning, "complaint")
            ?? (ReputationStatus.Healthy, null);
    }

    private static (ReputationStatus, string?)? Worst(List<ReputationWindow> windows, Func<ReputationWindow, double> rate, double limit, ReputationStatus status, string what) =>
        windows.Where(w => rate(w) >= limit).OrderByDescending(rate).FirstOrDefault() is { } w
            ? (status, $"The {what} rate over {w.Name} is {Percent(rate(w))} ({(what == "bounce" ? w.Bounced : w.Complained)} of {w.Sent} sends), at or over {Percent(limit)}"
                + (status == ReputationStatus.AtRisk ? ", where AWS reviews an SES account." : ": check the failing recipients of recent changes.")
                + (what == "bounce" ? " Permanently bounced contacts are handled by bounce_policy." : " Complaining contacts are unsubscribed by bounce_policy."))
            : null;

    /// <summary>"3.00%" (two decimals: the complaint threshold is 0.05%), whatever the culture.</summary>
    public static string Percent(double rate) => (rate * 100).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture) + "%";
}
