using System.Text.Json.Serialization;
using ChangeMgmt.Local;

namespace ChangeMgmt.Lambda.Endpoints;

/// <summary>
/// Source-generated JSON metadata for the local-only outbox and queue routes (<see cref="OutboxEndpoints"/>),
/// apart from <see cref="Hosting.ServerJsonContext"/> so that a build without local mode leaves it out whole.
/// Added to the HTTP JSON options by <see cref="Hosting.LocalMode"/>.
/// </summary>
[JsonSourceGenerationOptions(GenerationMode = JsonSourceGenerationMode.Metadata)]
[JsonSerializable(typeof(PageResponse<SentEmail>))]
[JsonSerializable(typeof(OutboxMessage))]
[JsonSerializable(typeof(ItemsResponse<QueueCounts>))]
internal sealed partial class OutboxJsonContext : JsonSerializerContext;
