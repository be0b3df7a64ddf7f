using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Core.Configuration;

/// <summary>Checks SESConfig.json: topic names, defaults, duplicates and SES's 20-topic limit.</summary>
public static class SesConfigValidator
{
    /// <summary>SES allows at most 20 topics on a contact list.</summary>
    public const int MaxTopicsPerContactList = 20;

    public static IReadOnlyList<ConfigProblem> Validate(SesConfig ses, IReadOnlyList<Topic> expanded, string file)
    {
        var problems = new List<ConfigProblem>();
        void Add(string path, string message, string fix) => problems.Add(new(file, path, message, fix));

        ReportNulls(ses.TopicGroupPrefix, "topic_group_prefix", Add);
        ReportNulls(ses.TopicGroupMembers, "topic_group_members", Add);
        ReportNulls(ses.Topics, "topics", Add);
        for (var i = 0; i < (ses.TopicGroupPrefix?.Count ?? 0); i++)
            if (ses.TopicGroupPrefix![i] is { } prefix && !ConfigPatterns.TopicName().IsMatch(prefix))
                Add($"topic_group_prefix[{i}]", $"'{prefix}' cannot start a topic name.", "Use letters, digits, '-' or '_'.");
        CheckDefinitions(ses.TopicGroupMembers, "topic_group_members", Add);
        CheckDefinitions(ses.Topics, "topics", Add);

        foreach (var duplicate in expanded.GroupBy(t => t.TopicName, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
            Add("topics", $"The topic '{duplicate.Key}' is defined {duplicate.Count()} times after expansion.", "Rename or remove one of them; topic names must be unique in a contact list.");
        if (expanded.Count > MaxTopicsPerContactList)
            Add("topics", $"{expanded.Count} topics after expansion; SES allows {MaxTopicsPerContactList} per contact list.",
                "Remove topics or group prefixes until there are at most 20.");
        return problems;
    }

    private static void ReportNulls<T>(List<T>? items, string section, Action<string, string, string> add)
    {
        if (items is null)
            add(section, "The list is null.", "Use a JSON array ([] when there is nothing to list).");
        for (var i = 0; i < (items?.Count ?? 0); i++)
            if (items![i] is null) add($"{section}[{i}]", "The entry is null.", "Remove it or give a value.");
    }

    private static void CheckDefinitions(List<TopicDefinition>? definitions, string section, Action<string, string, string> add)
    {
        for (var i = 0; i < (definitions?.Count ?? 0); i++)
        {
            if (definitions![i] is not { } d) continue;
            var at = $"{section}[{i}]";
            if (string.IsNullOrWhiteSpace(d.TopicName))
                add($"{at}.TopicName", "TopicName is missing.", "Name the topic (letters, digits, '-' or '_').");
            else if (!ConfigPatterns.TopicName().IsMatch(d.TopicName))
                add($"{at}.TopicName", $"'{d.TopicName}' is not a valid topic name.", "Use up to 64 letters, digits, '-' or '_'.");
            if (string.IsNullOrWhiteSpace(d.DisplayName))
                add($"{at}.DisplayName", "DisplayName is missing.", "Give the name people see on the subscription page.");
            if (SubscriptionStatuses.Parse(d.DefaultSubscriptionStatus) is null)
                add($"{at}.DefaultSubscriptionStatus", $"'{d.DefaultSubscriptionStatus}' is not OPT_IN or OPT_OUT.", "Use OPT_IN or OPT_OUT.");
        }
    }
}
