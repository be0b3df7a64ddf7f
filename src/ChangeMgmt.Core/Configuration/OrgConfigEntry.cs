using System.Text.Json.Serialization;

namespace ChangeMgmt.Core.Configuration;

/// <summary>
/// One entry of the original tool's OrgConfig.json (a JSON array, read unchanged from beside config.json when present).
/// An entry belongs to the customer whose code equals its <c>mocb_org_prefix</c>.
/// </summary>
public sealed record OrgConfigEntry
{
    public const string FileName = "OrgConfig.json";

    [JsonPropertyName("mocb_org_friendly_name")] public string? FriendlyName { get; init; }
    [JsonPropertyName("mocb_org_prefix")] public string? OrgPrefix { get; init; }
    [JsonPropertyName("environment")] public string? Environment { get; init; }
    [JsonPropertyName("management_account_id")] public string? ManagementAccountId { get; init; }
    [JsonExtensionData] public Dictionary<string, System.Text.Json.JsonElement>? Extra { get; set; }

    public static void Validate(IReadOnlyList<OrgConfigEntry> entries, string file, List<ConfigProblem> problems)
    {
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            if (string.IsNullOrWhiteSpace(entry?.OrgPrefix))
                problems.Add(new(file, $"[{i}].mocb_org_prefix", "The organization has no prefix.", "Set mocb_org_prefix to the customer code the organization belongs to."));
            if (entry?.ManagementAccountId is { } id && !ConfigPatterns.AccountId().IsMatch(id))
                problems.Add(new(file, $"[{i}].management_account_id", $"'{id}' is not a 12-digit account id.", "Use the organization's management account id, e.g. 123456789012."));
        }
    }
}
