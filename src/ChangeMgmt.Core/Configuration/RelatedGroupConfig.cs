using System.Text.Json.Serialization;

namespace ChangeMgmt.Core.Configuration;

/// <summary>
/// config.json <c>change_policy.related[i]</c>: customers whose changes should not run at the same time (shared network,
/// one vendor, a DR pair): those listed, and every customer whose <c>environment</c> is listed. Overlapping windows of two
/// members are a <c>related_overlap</c> warning naming the group.
/// </summary>
public sealed record RelatedGroupConfig
{
    [JsonPropertyName("name")] public string? Name { get; init; }
    [JsonPropertyName("customers")] public List<string>? Customers { get; init; }
    [JsonPropertyName("environments")] public List<string>? Environments { get; init; }
    [JsonExtensionData] public Dictionary<string, System.Text.Json.JsonElement>? Extra { get; set; }

    public bool Includes(CustomerConfig customer) =>
        (Customers ?? []).Contains(customer.CustomerCode, StringComparer.Ordinal)
        || customer.Environment is { } environment && (Environments ?? []).Contains(environment, StringComparer.OrdinalIgnoreCase);

    public static void Validate(List<RelatedGroupConfig>? groups, ChangeMgmtConfig config, Action<string, string, string> add)
    {
        for (var i = 0; i < (groups?.Count ?? 0); i++)
        {
            var path = $"change_policy.related[{i}]";
            if (groups![i] is not { } group)
            {
                add(path, "The entry is null.", "Give the group as an object { name, customers, environments }, or remove it.");
                continue;
            }
            if (string.IsNullOrWhiteSpace(group.Name))
                add($"{path}.name", "The group has no name.", "Name it (warnings quote the name), e.g. \"shared-network\".");
            if ((group.Customers?.Count ?? 0) + (group.Environments?.Count ?? 0) == 0)
                add(path, "The group names no customers and no environments.", "List customer codes in customers, environment names in environments, or both.");
            for (var j = 0; j < (group.Customers?.Count ?? 0); j++)
                if (config.CustomerMappings?.ContainsKey(group.Customers![j] ?? "") != true)
                    add($"{path}.customers[{j}]", $"'{group.Customers![j]}' is not in customer_mappings.", $"Use a configured customer code: {string.Join(", ", ((IEnumerable<string>?)config.CustomerMappings?.Keys ?? []).Order(StringComparer.Ordinal))}.");
        }
    }
}
