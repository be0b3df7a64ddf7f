using System.Text.Json;
using System.Text.Json.Serialization;
using ChangeMgmt.Core.Changes;
using ChangeMgmt.Core.Freezes;
using ChangeMgmt.Core.Json;

namespace ChangeMgmt.Lambda.Hosting;

/// <summary>
/// Values an answer carries in its extension data and that are never stored (a created change's warnings, a listed freeze's
/// next occurrence), written with the web defaults as they always were: camelCase, nulls written (unlike the HTTP options).
/// </summary>
internal static class ExtraFieldJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { TypeInfoResolver = ExtraFieldJsonContext.Default };

    public static JsonElement Element<T>(T value) => JsonSerializer.SerializeToElement(value, Options.TypeInfo<T>());
}

[JsonSourceGenerationOptions(GenerationMode = JsonSourceGenerationMode.Metadata)]
[JsonSerializable(typeof(IReadOnlyList<ChangeWarning>))]
[JsonSerializable(typeof(FreezeOccurrence))]
internal sealed partial class ExtraFieldJsonContext : JsonSerializerContext;
