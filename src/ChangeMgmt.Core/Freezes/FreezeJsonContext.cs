using System.Text.Json.Serialization;

namespace ChangeMgmt.Core.Freezes;

/// <summary>Generated metadata for freezes, read and written with <see cref="Changes.ChangeJson.Options"/>.</summary>
[JsonSourceGenerationOptions(GenerationMode = JsonSourceGenerationMode.Metadata)]
[JsonSerializable(typeof(ChangeFreeze))]
internal sealed partial class FreezeJsonContext : JsonSerializerContext;
