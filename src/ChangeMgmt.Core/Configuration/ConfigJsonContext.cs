using System.Text.Json.Serialization;

namespace ChangeMgmt.Core.Configuration;

/// <summary>
/// Generated metadata for config.json, SESConfig.json and OrgConfig.json, used through <see cref="ConfigLoader"/>'s
/// options (comments and trailing commas allowed). Generated metadata sets init-only properties in the constructor
/// call, so a field the file leaves out would lose its initializer, and it refuses init-only extension data
/// (dotnet/runtime#84484): the defaulted fields and every <c>Extra</c> of these records have setters for that reason.
/// </summary>
[JsonSourceGenerationOptions(GenerationMode = JsonSourceGenerationMode.Metadata)]
[JsonSerializable(typeof(ChangeMgmtConfig))]
[JsonSerializable(typeof(SesConfig))]
[JsonSerializable(typeof(List<OrgConfigEntry>))]
internal sealed partial class ConfigJsonContext : JsonSerializerContext;
