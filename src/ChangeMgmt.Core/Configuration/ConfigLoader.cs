using System.Text.Json;

namespace ChangeMgmt.Core.Configuration;

/// <summary>Loads config.json and the SESConfig.json beside it, reporting every problem at once.</summary>
public static class ConfigLoader
{
    public const string SesConfigFileName = "SESConfig.json";

    private static readonly JsonSerializerOptions Options = new()
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    public static LoadedConfig Load(string configPath, string? sesConfigPath = null)
    {
        sesConfigPath ??= Path.Combine(Path.GetDirectoryName(Path.GetFullPath(configPath)) ?? ".", SesConfigFileName);
        var problems = new List<ConfigProblem>();
        var config = Read<ChangeMgmtConfig>(configPath, problems);
        var ses = Read<SesConfig>(sesConfigPath, problems);
        if (config is not null) problems.AddRange(ConfigValidator.Validate(config, configPath));
        var topics = ses is null ? [] : TopicExpander.Expand(ses);
        if (ses is not null) problems.AddRange(SesConfigValidator.Validate(ses, topics, sesConfigPath));
        if (config is not null && ses is not null) problems.AddRange(AnnouncementTopics(config, topics, configPath, sesConfigPath));
        if (problems.Count > 0) throw new ConfigException(problems);
        return new LoadedConfig(config!, ses!, topics, Path.GetFullPath(configPath), Path.GetFullPath(sesConfigPath));
    }

    /// <summary>
    /// A configured announcement type must name a topic SESConfig.json defines (as expanded), or its announcements
    /// could be written and approved but never sent. The built-in defaults are not checked: a deployment whose
    /// SESConfig.json lacks their topics simply has no use for them, and an old config must keep loading.
    /// </summary>
    private static IEnumerable<ConfigProblem> AnnouncementTopics(ChangeMgmtConfig config, IReadOnlyList<Topic> topics, string configPath, string sesConfigPath)
    {
        var defined = topics.Select(t => t.TopicName).ToHashSet(StringComparer.Ordinal);
        return (config.AnnouncementTypes ?? [])
            .Select((type, i) => (type, i))
            .Where(t => t.type is { Topic: { Length: > 0 } topic } && !defined.Contains(topic))
            .Select(t => new ConfigProblem(configPath, $"announcement_types[{t.i}].topic",
                $"The topic '{t.type.Topic}' of announcement type '{t.type.Name}' is not in {Path.GetFileName(sesConfigPath)} (topics there: {string.Join(", ", defined.Order(StringComparer.Ordinal))}).",
                $"Use one of those topics, or add '{t.type.Topic}' to {Path.GetFileName(sesConfigPath)} and run Sync-SesTopic."));
    }

    private static T? Read<T>(string path, List<ConfigProblem> problems) where T : class
    {
        if (!File.Exists(path))
        {
            problems.Add(new(path, "$", "The file does not exist.", "Create it, or point to it with --config / -ConfigPath / CHANGEMGMT_CONFIG."));
            return null;
        }
        try
        {
            var value = JsonSerializer.Deserialize<T>(File.ReadAllBytes(path), Options);
            if (value is null) problems.Add(new(path, "$", "The file holds JSON null.", "Write a JSON object."));
            return value;
        }
        catch (JsonException ex)
        {
            var where = ex.LineNumber is { } line ? $" (line {line + 1}, byte {ex.BytePositionInLine + 1})" : "";
            problems.Add(new(path, ex.Path ?? "$", $"Not valid here{where}: {FirstSentence(ex.Message)}", "Correct the JSON value to the documented type."));
            return null;
        }
    }

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end > 0 ? message[..(end + 1)] : message;
    }
}
