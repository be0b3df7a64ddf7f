using System.Text.Json.Serialization;

namespace ChangeMgmt.Core.Announcements;

/// <summary>A link shown under the announcement's content (a report, a registration page, a recording).</summary>
public sealed record AnnouncementLink
{
    [JsonPropertyName("title")] public string? Title { get; init; }
    [JsonPropertyName("url")] public string Url { get; set; } = "";
}
