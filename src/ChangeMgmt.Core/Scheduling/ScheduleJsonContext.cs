using System.Text.Json.Serialization;

namespace ChangeMgmt.Core.Scheduling;

/// <summary>Generated metadata for scheduled items, with the serializer's default settings (PascalCase names) they were always written with.</summary>
[JsonSourceGenerationOptions(GenerationMode = JsonSourceGenerationMode.Metadata)]
[JsonSerializable(typeof(ScheduledItem))]
internal sealed partial class ScheduleJsonContext : JsonSerializerContext;
