using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChangeMgmt.Core.Configuration;

/// <summary>
/// config.json <c>announcement_types[]</c> (optional; absent, the defaults of
/// <see cref="Announcements.AnnouncementTypes.Defaults"/> apply): a type's name, the SES topic its emails go to,
/// and whether it needs an approver before it is sent.
/// </summary>
public sealed record AnnouncementTypeConfig
{
    [JsonPropertyName("name")] public string Name { get; init; } = "";
    [JsonPropertyName("display_name")] public string? DisplayName { get; init; }
    [JsonPropertyName("topic")] public string Topic { get; init; } = "";
    [JsonPropertyName("approval_required")] public bool? ApprovalRequired { get; init; }

    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; init; }
}
