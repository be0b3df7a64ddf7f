using System.Text.Json.Serialization;

namespace ChangeMgmt.Core.Configuration;

/// <summary>SESConfig.json: topic groups (prefix × member) and standalone topics.</summary>
public sealed record SesConfig
{
    [JsonPropertyName("topic_group_prefix")] public List<string> TopicGroupPrefix { get; set; } = [];
    [JsonPropertyName("topic_group_members")] public List<TopicDefinition> TopicGroupMembers { get; set; } = [];
    [JsonPropertyName("topics")] public List<TopicDefinition> Topics { get; set; } = [];
    [JsonExtensionData] public Dictionary<string, System.Text.Json.JsonElement>? Extra { get; set; }
}

public sealed record TopicDefinition
{
    public string TopicName { get; set; } = "";
    public string? DisplayName { get; init; }
    public string? Description { get; init; }
    public string? DefaultSubscriptionStatus { get; init; }
    public List<string>? OptInRoles { get; init; }
    [JsonExtensionData] public Dictionary<string, System.Text.Json.JsonElement>? Extra { get; set; }
}
