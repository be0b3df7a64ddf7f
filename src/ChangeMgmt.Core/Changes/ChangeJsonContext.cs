using System.Text.Json.Serialization;

namespace ChangeMgmt.Core.Changes;

/// <summary>
/// Generated metadata for the change store's JSON (<see cref="ChangeJson.Options"/>): changes, index entries and months,
/// page tokens, idempotency records, pending writes, trigger failures. Metadata only: names and ignore conditions
/// come from the options, so the stored bytes are the ones reflection wrote.
/// </summary>
[JsonSourceGenerationOptions(GenerationMode = JsonSourceGenerationMode.Metadata)]
[JsonSerializable(typeof(Change))]
[JsonSerializable(typeof(ChangeSummary))]
[JsonSerializable(typeof(List<ChangeSummary>))]
[JsonSerializable(typeof(IReadOnlyList<ChangeSummary>))]
[JsonSerializable(typeof(ChangeIndexPageToken))]
[JsonSerializable(typeof(IdempotencyRecord))]
[JsonSerializable(typeof(PendingWrite))]
[JsonSerializable(typeof(TriggerFailure))]
internal sealed partial class ChangeJsonContext : JsonSerializerContext;
