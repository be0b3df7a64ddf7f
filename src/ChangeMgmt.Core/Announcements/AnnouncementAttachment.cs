using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChangeMgmt.Core.Announcements;

/// <summary>
/// An attachment's metadata; the bytes are an object at <see cref="Key"/>, under the announcement's own prefix
/// (<see cref="AnnouncementKeys.Attachment"/>).
/// </summary>
public sealed record AnnouncementAttachment
{
    // Defaulted and extension-data properties are set, not init: generated JSON metadata would leave an init-only default unset (dotnet/runtime#84484).
    [JsonPropertyName("name")] public string Name { get; set; } = "";
    [JsonPropertyName("content_type")] public string? ContentType { get; init; }
    [JsonPropertyName("size")] public long Size { get; init; }
    [JsonPropertyName("key")] public string? Key { get; init; }

    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }
}
