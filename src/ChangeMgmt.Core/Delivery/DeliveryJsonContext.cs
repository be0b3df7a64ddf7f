using System.Text.Json.Serialization;

namespace ChangeMgmt.Core.Delivery;

/// <summary>Generated metadata for the delivery worker's stored JSON: attempts and audience snapshots (their options set names and ignore conditions).</summary>
[JsonSourceGenerationOptions(GenerationMode = JsonSourceGenerationMode.Metadata)]
[JsonSerializable(typeof(DeliveryAttempt))]
[JsonSerializable(typeof(AudienceSnapshots.Snapshot))]
internal sealed partial class DeliveryJsonContext : JsonSerializerContext;
