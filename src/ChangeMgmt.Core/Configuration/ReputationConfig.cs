using System.Text.Json.Serialization;

namespace ChangeMgmt.Core.Configuration;

/// <summary>
/// config.json <c>reputation</c> (optional): when a customer's bounce or complaint rate warns. The defaults sit well
/// below the levels at which AWS reviews an SES account (about 5% bounces, 0.1% complaints).
/// </summary>
public sealed record ReputationConfig
{
    public const double DefaultBounceRateWarning = 0.02;
    public const double DefaultComplaintRateWarning = 0.0005;
    public const int DefaultDays = 7;
    public const int DefaultLastSends = 1000;
    public const int DefaultMinimumSends = 20;

    [JsonPropertyName("bounce_rate_warning")] public double? BounceRateWarning { get; init; }
    [JsonPropertyName("complaint_rate_warning")] public double? ComplaintRateWarning { get; init; }
    [JsonPropertyName("days")] public int? Days { get; init; }
    [JsonPropertyName("last_sends")] public int? LastSends { get; init; }

    /// <summary>Below this many sends in a window its rates are shown but do not warn: one bounce in three sends says little.</summary>
    [JsonPropertyName("minimum_sends")] public int? MinimumSends { get; init; }
    [JsonExtensionData] public Dictionary<string, System.Text.Json.JsonElement>? Extra { get; set; }

    public ReputationThresholds Thresholds => new(
        BounceRateWarning ?? DefaultBounceRateWarning, ComplaintRateWarning ?? DefaultComplaintRateWarning,
        Days ?? DefaultDays, LastSends ?? DefaultLastSends, MinimumSends ?? DefaultMinimumSends);

    public static void Validate(ReputationConfig? reputation, Action<string, string, string> add)
    {
        if (reputation is null) return;
        CheckRate(reputation.BounceRateWarning, "reputation.bounce_rate_warning", DefaultBounceRateWarning, add);
        CheckRate(reputation.ComplaintRateWarning, "reputation.complaint_rate_warning", DefaultComplaintRateWarning, add);
        CheckCount(reputation.Days, "reputation.days", 1, 90, DefaultDays, add);
        CheckCount(reputation.LastSends, "reputation.last_sends", 1, 100_000, DefaultLastSends, add);
        CheckCount(reputation.MinimumSends, "reputation.minimum_sends", 0, 100_000, DefaultMinimumSends, add);
    }

    private static void CheckRate(double? rate, string path, double example, Action<string, string, string> add)
    {
        if (rate is { } r && !(r > 0 && r < 1))
            add(path, $"{Invariant(r)} is not a rate above 0 and below 1.", $"Give a fraction of sends, e.g. {Invariant(example)} for {Feedback.ReputationRules.Percent(example)}, or remove the setting.");
    }

    private static string Invariant(double value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static void CheckCount(int? value, string path, int min, int max, int example, Action<string, string, string> add)
    {
        if (value is { } v && (v < min || v > max))
            add(path, $"{v} is not from {min} to {max}.", $"Give a whole number such as {example}, or remove the setting.");
    }
}

/// <summary>The reputation settings with their defaults applied.</summary>
public sealed record ReputationThresholds(double BounceRateWarning, double ComplaintRateWarning, int Days, int LastSends, int MinimumSends)
{
    /// <summary>About where AWS reviews an SES account (and may pause its sending).</summary>
    public const double SesBounceReview = 0.05;
    public const double SesComplaintReview = 0.001;

    public static readonly ReputationThresholds Default = new ReputationConfig().Thresholds;
}
