using System.Text.Json.Serialization;

namespace ChangeMgmt.Core.Announcements;

/// <summary>A link shown under the announcement's content (a report, a registration page, a recording).</summary>
public sealed record AnnouncementLink
{
    // Defaulted and extension-data properties are set, not init: generated JSON metadata would leave an init-only default unset (dotnet/runtime#84484).
    [JsonPropertyName("title")] public string? Title { get; init; }
    [JsonPropertyName("url")] public string Url { get; set; } = "";
}
