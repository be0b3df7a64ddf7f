using System.Text.Json.Serialization;

namespace ChangeMgmt.Core.Subscriptions;

/// <summary>
/// Generated metadata for the subscription jobs and their rows in the bucket (web settings, <see cref="SubscriptionJobs"/>)
/// and for the preference and contact page tokens, which keep the serializer's default settings (this context's own).
/// </summary>
[JsonSourceGenerationOptions(GenerationMode = JsonSourceGenerationMode.Metadata)]
[JsonSerializable(typeof(SubscriptionJob))]
[JsonSerializable(typeof(IReadOnlyList<ImportRow>))]
[JsonSerializable(typeof(List<ImportRow>))]
[JsonSerializable(typeof(PreferenceTokenPayload))]
[JsonSerializable(typeof(ContactPageToken))]
internal sealed partial class SubscriptionJsonContext : JsonSerializerContext;
