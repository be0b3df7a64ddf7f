using System.Text.Json.Serialization;
using ChangeMgmt.Core.Feedback;

namespace ChangeMgmt.Core.Configuration;

/// <summary>
/// config.json <c>bounce_policy</c> (optional, top level and per customer in <c>customer_mappings.{code}</c>): what a
/// permanent bounce and a complaint do to the contact. A customer's setting wins field by field over the top level's.
/// </summary>
public sealed record BouncePolicyConfig
{
    public static readonly IReadOnlyDictionary<string, HygieneAction> PermanentBounceActions =
        new Dictionary<string, HygieneAction>(StringComparer.Ordinal) { ["opt_out"] = HygieneAction.OptOut, ["remove"] = HygieneAction.Remove, ["keep"] = HygieneAction.Keep };

    public static readonly IReadOnlyDictionary<string, HygieneAction> ComplaintActions =
        new Dictionary<string, HygieneAction>(StringComparer.Ordinal) { ["unsubscribe_all"] = HygieneAction.UnsubscribeAll, ["remove"] = HygieneAction.Remove, ["keep"] = HygieneAction.Keep };

    public static readonly BouncePolicy Default = new(HygieneAction.OptOut, HygieneAction.UnsubscribeAll);

    [JsonPropertyName("permanent_bounce")] public string? PermanentBounce { get; init; }
    [JsonPropertyName("complaint")] public string? Complaint { get; init; }
    [JsonExtensionData] public Dictionary<string, System.Text.Json.JsonElement>? Extra { get; set; }

    /// <summary>The policy for a customer: its own fields, else the top level's, else the defaults.</summary>
    public static BouncePolicy For(ChangeMgmtConfig config, CustomerConfig customer) => new(
        Pick(PermanentBounceActions, customer.BouncePolicy?.PermanentBounce, config.BouncePolicy?.PermanentBounce) ?? Default.PermanentBounce,
        Pick(ComplaintActions, customer.BouncePolicy?.Complaint, config.BouncePolicy?.Complaint) ?? Default.Complaint);

    private static HygieneAction? Pick(IReadOnlyDictionary<string, HygieneAction> allowed, params string?[] values) =>
        values.FirstOrDefault(v => v is not null) is { } value && allowed.TryGetValue(value, out var action) ? action : null;
}
