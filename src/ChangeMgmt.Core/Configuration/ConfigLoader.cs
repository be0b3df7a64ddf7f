using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ChangeMgmt.Core.Json;

namespace ChangeMgmt.Core.Configuration;

/// <summary>Loads config.json and the SESConfig.json beside it, reporting every problem at once.</summary>
public static class ConfigLoader
{
    public const string SesConfigFileName = "SESConfig.json";

    internal static readonly JsonSerializerOptions Options = new()
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        TypeInfoResolver = ConfigJsonContext.Default,
    };

    public static LoadedConfig Load(string configPath, string? sesConfigPath = null)
    {
        sesConfigPath ??= Path.Combine(Path.GetDirectoryName(Path.GetFullPath(configPath)) ?? ".", SesConfigFileName);
        var problems = new List<ConfigProblem>();
        var config = Read(configPath, Options.TypeInfo<ChangeMgmtConfig>(), problems);
        var ses = Read(sesConfigPath, Options.TypeInfo<SesConfig>(), problems);
        if (config is not null) problems.AddRange(ConfigValidator.Validate(config, configPath));
        var topics = ses is null ? [] : TopicExpander.Expand(ses);
        if (ses is not null) problems.AddRange(SesConfigValidator.Validate(ses, topics, sesConfigPath));
        if (config is not null && ses is not null) problems.AddRange(ConfiguredTopics(config, topics, configPath, sesConfigPath));
        var organizations = ReadOrganizations(configPath, problems);
        if (problems.Count > 0) throw new ConfigException(problems);
        return new LoadedConfig(config!, ses!, topics, Path.GetFullPath(configPath), Path.GetFullPath(sesConfigPath)) { Organizations = organizations };
    }

    /// <summary>The original tool's OrgConfig.json beside config.json, when there is one.</summary>
    private static IReadOnlyList<OrgConfigEntry> ReadOrganizations(string configPath, List<ConfigProblem> problems)
    {
        var path = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(configPath)) ?? ".", OrgConfigEntry.FileName);
        if (!File.Exists(path)) return [];
        var entries = Read(path, Options.TypeInfo<List<OrgConfigEntry>>(), problems) ?? [];
        OrgConfigEntry.Validate(entries, path, problems);
        return entries;
    }

    /// <summary>
    /// A configured announcement type, and configured reminders, must name a topic SESConfig.json defines (as expanded),
    /// or what goes to it could be written and approved but never sent. The built-in defaults are not checked: a
    /// deployment whose SESConfig.json lacks their topics simply has no use for them, and an old config must keep loading.
    /// </summary>
    private static IEnumerable<ConfigProblem> ConfiguredTopics(ChangeMgmtConfig config, IReadOnlyList<Topic> topics, string configPath, string sesConfigPath)
    {
        var defined = topics.Select(t => t.TopicName).ToHashSet(StringComparer.Ordinal);
        var sesFile = Path.GetFileName(sesConfigPath);
        return Named(config)
            .Where(t => !string.IsNullOrWhiteSpace(t.Topic) && !defined.Contains(t.Topic))
            .Select(t => new ConfigProblem(configPath, t.Path,
                $"The topic '{t.Topic}' of {t.Owner} is not in {sesFile} (topics there: {string.Join(", ", defined.Order(StringComparer.Ordinal))}).",
                $"Use one of those topics, or add '{t.Topic}' to {sesFile} and run Sync-SesTopic."));
    }

    private static IEnumerable<(string Path, string? Topic, string Owner)> Named(ChangeMgmtConfig config) =>
        (config.AnnouncementTypes ?? []).Select((type, i) => ($"announcement_types[{i}].topic", type?.Topic, $"announcement type '{type?.Name}'"))
            .Append(("reminders.topic", config.Reminders?.Topic, "the reminders"))
            .Concat((config.CustomerMappings ?? []).Where(kv => kv.Value?.Reminders is not null)
                .Select(kv => ($"customer_mappings.{kv.Key}.reminders.topic", kv.Value.Reminders!.Topic, $"{kv.Key}'s reminders")));

    private static T? Read<T>(string path, JsonTypeInfo<T> type, List<ConfigProblem> problems) where T : class
    {
        if (!File.Exists(path))
        {
            problems.Add(new(path, "$", "The file does not exist.", "Create it, or point to it with --config / -ConfigPath / CHANGEMGMT_CONFIG."));
            return null;
        }
        try
        {
            var value = JsonSerializer.Deserialize(File.ReadAllBytes(path), type);
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
