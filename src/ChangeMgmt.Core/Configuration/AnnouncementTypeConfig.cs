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
    [JsonPropertyName("name")] public string Name { get; set; } = "";
    [JsonPropertyName("display_name")] public string? DisplayName { get; init; }
    [JsonPropertyName("topic")] public string Topic { get; set; } = "";
    [JsonPropertyName("approval_required")] public bool? ApprovalRequired { get; init; }

    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }

    /// <summary>Each type named once (without regard to case, as announcements name them) and given a topic.</summary>
    public static void Validate(IReadOnlyList<AnnouncementTypeConfig>? types, Action<string, string, string> add)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < (types?.Count ?? 0); i++)
        {
            var type = types![i];
            if (string.IsNullOrWhiteSpace(type.Name))
                add($"announcement_types[{i}].name", "The type has no name.", "Name it as announcements will (e.g. general, finops).");
            else if (!seen.Add(type.Name))
                add($"announcement_types[{i}].name", $"'{type.Name}' is listed more than once (names are compared without case).", "Keep one entry per type.");
            if (string.IsNullOrWhiteSpace(type.Topic))
                add($"announcement_types[{i}].topic", "The type has no topic.", "Give the SES topic its emails go to, as SESConfig.json expands it (e.g. general-updates).");
        }
    }
}
