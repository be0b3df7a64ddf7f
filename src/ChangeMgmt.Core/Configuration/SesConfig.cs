using System.Text.Json.Serialization;

namespace ChangeMgmt.Core.Configuration;

/// <summary>SESConfig.json: topic groups (prefix × member) and standalone topics.</summary>
public sealed record SesConfig
{
    [JsonPropertyName("topic_group_prefix")] public List<string> TopicGroupPrefix { get; init; } = [];
    [JsonPropertyName("topic_group_members")] public List<TopicDefinition> TopicGroupMembers { get; init; } = [];
    [JsonPropertyName("topics")] public List<TopicDefinition> Topics { get; init; } = [];
    [JsonExtensionData] public Dictionary<string, System.Text.Json.JsonElement>? Extra { get; init; }
}

public sealed record TopicDefinition
{
    public string TopicName { get; init; } = "";
    public string? DisplayName { get; init; }
    public string? Description { get; init; }
    public string? DefaultSubscriptionStatus { get; init; }
    public List<string>? OptInRoles { get; init; }
    [JsonExtensionData] public Dictionary<string, System.Text.Json.JsonElement>? Extra { get; init; }
}
