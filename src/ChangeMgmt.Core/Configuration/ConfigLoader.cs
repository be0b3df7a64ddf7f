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
        if (problems.Count > 0) throw new ConfigException(problems);
        return new LoadedConfig(config!, ses!, topics, Path.GetFullPath(configPath), Path.GetFullPath(sesConfigPath));
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
