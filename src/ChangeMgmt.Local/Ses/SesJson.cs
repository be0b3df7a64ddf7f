using System.Text.Json;
using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Local;

/// <summary>JSON columns of the SES tables, with statuses spelled as SES spells them (OPT_IN, OPT_OUT).</summary>
internal static class SesJson
{
    public static string WriteTopics(IEnumerable<SesTopic> topics) =>
        JsonSerializer.Serialize(topics.Select(t => new TopicRow(t.TopicName, t.DisplayName, t.Description, t.DefaultSubscriptionStatus.ToAws())));

    public static IReadOnlyList<SesTopic> ReadTopics(string json) =>
        [.. Deserialize<TopicRow>(json).Select(t => new SesTopic(t.TopicName, t.DisplayName, t.Description, ParseStatus(t.DefaultSubscriptionStatus)))];

    public static string WritePreferences(IEnumerable<TopicPreference> preferences) =>
        JsonSerializer.Serialize(preferences.Select(p => new PreferenceRow(p.TopicName, p.SubscriptionStatus.ToAws())));

    public static IReadOnlyList<TopicPreference> ReadPreferences(string json) =>
        [.. Deserialize<PreferenceRow>(json).Select(p => new TopicPreference(p.TopicName, ParseStatus(p.SubscriptionStatus)))];

    public static string WriteTags(IReadOnlyDictionary<string, string> tags) => JsonSerializer.Serialize(tags);

    public static IReadOnlyDictionary<string, string> ReadTags(string json) =>
        JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? [];

    private static List<T> Deserialize<T>(string json) => JsonSerializer.Deserialize<List<T>>(json) ?? [];

    private static SubscriptionStatus ParseStatus(string value) =>
        SubscriptionStatuses.Parse(value) ?? throw new InvalidDataException($"Unknown subscription status '{value}'.");

    private sealed record TopicRow(string TopicName, string DisplayName, string Description, string DefaultSubscriptionStatus);

    private sealed record PreferenceRow(string TopicName, string SubscriptionStatus);
}
