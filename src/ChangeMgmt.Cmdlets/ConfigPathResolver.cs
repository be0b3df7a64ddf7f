namespace ChangeMgmt.Cmdlets;

/// <summary>-ConfigPath, else $env:CHANGEMGMT_CONFIG, else ./config.json (relative to the current location).</summary>
internal static class ConfigPathResolver
{
    public const string EnvironmentVariable = "CHANGEMGMT_CONFIG";
    public const string DefaultFileName = "config.json";

    public static string Resolve(string? configPath, string currentDirectory)
    {
        var path = !string.IsNullOrWhiteSpace(configPath) ? configPath
            : Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } fromEnv ? fromEnv
            : DefaultFileName;
        return Path.GetFullPath(path, currentDirectory);
    }
}
