using System.Text.Json.Serialization;

namespace ChangeMgmt.Core.Announcements;

/// <summary>Generated metadata for announcements and their index entries, read and written with <see cref="Changes.ChangeJson.Options"/>.</summary>
[JsonSourceGenerationOptions(GenerationMode = JsonSourceGenerationMode.Metadata)]
[JsonSerializable(typeof(Announcement))]
[JsonSerializable(typeof(AnnouncementSummary))]
internal sealed partial class AnnouncementJsonContext : JsonSerializerContext;
