using System.Text.Json.Serialization;

namespace ChangeMgmt.Core.Identity;

/// <summary>
/// Generated metadata for the export files (web settings, <see cref="IdentityCenterExport"/>) and for the marker in a
/// contact's attributes, which keeps the serializer's default settings (this context's own).
/// </summary>
[JsonSourceGenerationOptions(GenerationMode = JsonSourceGenerationMode.Metadata)]
[JsonSerializable(typeof(IdentityCenterExport.Document))]
[JsonSerializable(typeof(ManagedContactMarker))]
internal sealed partial class IdentityJsonContext : JsonSerializerContext;
