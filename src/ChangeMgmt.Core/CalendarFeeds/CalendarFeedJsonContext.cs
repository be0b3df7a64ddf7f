using System.Text.Json.Serialization;

namespace ChangeMgmt.Core.CalendarFeeds;

/// <summary>Generated metadata for stored calendar feeds and their tokens' payloads, with the serializer's default settings they were always written with.</summary>
[JsonSourceGenerationOptions(GenerationMode = JsonSourceGenerationMode.Metadata)]
[JsonSerializable(typeof(CalendarFeed))]
[JsonSerializable(typeof(FeedTokenPayload))]
internal sealed partial class CalendarFeedJsonContext : JsonSerializerContext;
