using System.Text.Json.Serialization;

namespace ChangeMgmt.Core.CalendarFeeds;

/// <summary>Generated metadata for stored calendar feeds, with the serializer's default settings they were always written with.</summary>
[JsonSourceGenerationOptions(GenerationMode = JsonSourceGenerationMode.Metadata)]
[JsonSerializable(typeof(CalendarFeed))]
internal sealed partial class CalendarFeedJsonContext : JsonSerializerContext;
