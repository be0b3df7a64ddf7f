using ChangeMgmt.Core.Configuration;
using ChangeMgmt.Core.Feedback;

namespace ChangeMgmt.Tests.Feedback;

public sealed class ReputationRulesTests
{
    private static readonly ReputationThresholds Defaults = ReputationThresholds.Default;

    private static ReputationWindow Window(int sent, int bounced = 0, int complained = 0) =>
        new("the last 7 days", sent, sent - bounced - complained, bounced, 0, complained, 0, 0);

    [Fact]
    public void The_defaults_warn_well_before_SES_reviews_an_account()
    {
        Assert.Equal((0.02, 0.0005, 7, 1000, 20), (Defaults.BounceRateWarning, Defaults.ComplaintRateWarning, Defaults.Days, Defaults.LastSends, Defaults.MinimumSends));
        Assert.True(Defaults.BounceRateWarning < ReputationThresholds.SesBounceReview && Defaults.ComplaintRateWarning < ReputationThresholds.SesComplaintReview);
    }

    [Theory]
    [InlineData(1000, 0, 0, ReputationStatus.Healthy)]
    [InlineData(1000, 19, 0, ReputationStatus.Healthy)]
    [InlineData(1000, 20, 0, ReputationStatus.Warning)]
    [InlineData(1000, 49, 0, ReputationStatus.Warning)]
    [InlineData(1000, 50, 0, ReputationStatus.AtRisk)]
    [InlineData(10000, 0, 4, ReputationStatus.Healthy)]
    [InlineData(10000, 0, 5, ReputationStatus.Warning)]
    [InlineData(10000, 0, 10, ReputationStatus.AtRisk)]
    public void Each_rate_is_judged_against_the_warning_and_the_review_level(int sent, int bounced, int complained, ReputationStatus expected)
    {
        var (status, reason) = ReputationRules.Judge(Defaults, "HEALTHY", true, Window(sent, bounced, complained));

        Assert.Equal(expected, status);
        Assert.Equal(expected == ReputationStatus.Healthy, reason is null);
    }

    [Fact]
    public void The_reason_names_the_rate_the_window_and_the_counts()
    {
        var (_, reason) = ReputationRules.Judge(Defaults, null, null, Window(200, bounced: 6));

        Assert.Contains("bounce rate over the last 7 days is 3.00% (6 of 200 sends)", reason, StringComparison.Ordinal);
        Assert.Contains("2.00%", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_window_with_fewer_sends_than_the_minimum_shows_rates_but_does_not_judge()
    {
        Assert.Equal(ReputationStatus.Healthy, ReputationRules.Judge(Defaults, "HEALTHY", true, Window(19, bounced: 5)).Status);
        Assert.Equal(ReputationStatus.AtRisk, ReputationRules.Judge(Defaults, "HEALTHY", true, Window(20, bounced: 5)).Status);
        Assert.Equal(ReputationStatus.AtRisk, ReputationRules.Judge(Defaults with { MinimumSends = 0 }, "HEALTHY", true, Window(1, bounced: 1)).Status);
    }

    [Fact]
    public void The_worst_window_decides()
    {
        var (status, reason) = ReputationRules.Judge(Defaults, "HEALTHY", true, Window(5000, bounced: 10), new ReputationWindow("the last 1000 sends", 1000, 940, 60, 0, 0, 0, 0));

        Assert.Equal(ReputationStatus.AtRisk, status);
        Assert.Contains("the last 1000 sends", reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("PROBATION", true, "under review")]
    [InlineData("SHUTDOWN", false, "paused")]
    [InlineData("HEALTHY", false, "paused")]
    public void SES_own_verdict_puts_the_customer_at_risk_whatever_our_counts(string enforcement, bool sendingEnabled, string words)
    {
        var (status, reason) = ReputationRules.Judge(Defaults, enforcement, sendingEnabled, Window(0));

        Assert.Equal(ReputationStatus.AtRisk, status);
        Assert.Contains(words, reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Settings_out_of_range_are_named_with_their_fix()
    {
        var problems = new List<string>();
        ReputationConfig.Validate(new ReputationConfig { BounceRateWarning = 2, ComplaintRateWarning = 0, Days = 0, LastSends = 200_000, MinimumSends = -1 },
            (path, message, fix) => problems.Add($"{path}: {message} {fix}"));

        Assert.Equal(["reputation.bounce_rate_warning", "reputation.complaint_rate_warning", "reputation.days", "reputation.last_sends", "reputation.minimum_sends"],
            problems.Select(p => p[..p.IndexOf(':')]));
        Assert.Contains("e.g. 0.02", problems[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Configured_thresholds_replace_the_defaults_one_by_one()
    {
        var t = new ReputationConfig { BounceRateWarning = 0.01, Days = 14 }.Thresholds;

        Assert.Equal((0.01, Defaults.ComplaintRateWarning, 14, Defaults.LastSends), (t.BounceRateWarning, t.ComplaintRateWarning, t.Days, t.LastSends));
    }
}
