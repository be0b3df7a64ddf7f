using System.Text.Json.Serialization;

namespace ChangeMgmt.Core.Feedback;

/// <summary>Generated metadata for the feedback mark kept in a contact's attributes (its options name the enums).</summary>
[JsonSourceGenerationOptions(GenerationMode = JsonSourceGenerationMode.Metadata)]
[JsonSerializable(typeof(FeedbackMark))]
internal sealed partial class FeedbackJsonContext : JsonSerializerContext;
