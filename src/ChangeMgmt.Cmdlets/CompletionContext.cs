using System.Collections;
using System.Management.Automation;
using ChangeMgmt.Core.Configuration;

namespace ChangeMgmt.Cmdlets;

/// <summary>
/// What the module's argument completers share: paths relative to the session's current location
/// (Set-Location, which the process directory does not follow), the configuration and data directory
/// the command line points to, and prefix matching. A completer offers nothing rather than fail.
/// </summary>
internal static class CompletionContext
{
    /// <summary>
    /// The session's current file-system location. A completer runs inside the busy pipeline of tab
    /// expansion, where the runspace's SessionStateProxy answers nothing; a nested Get-Location does.
    /// </summary>
    public static string CurrentLocation()
    {
        try
        {
            using var ps = PowerShell.Create(RunspaceMode.CurrentRunspace);
            var location = ps.AddCommand(@"Microsoft.PowerShell.Management\Get-Location").AddParameter("PSProvider", "FileSystem").Invoke<PathInfo>();
            return location is [{ ProviderPath: { Length: > 0 } path }] ? path : Environment.CurrentDirectory;
        }
        catch (Exception ex) when (ex is InvalidOperationException or RuntimeException)
        {
            return Environment.CurrentDirectory;
        }
    }

    /// <summary>The configuration -ConfigPath (or its default) names, or null when it cannot be read.</summary>
    public static LoadedConfig? Config(IDictionary fakeBoundParameters)
    {
        try
        {
            return ConfigLoader.Load(ConfigPathResolver.Resolve(fakeBoundParameters["ConfigPath"] as string, CurrentLocation()));
        }
        catch (Exception ex) when (ex is ConfigException or ArgumentException)
        {
            return null;
        }
    }

    /// <summary>The existing local data directory -DataDirectory or $env:CHANGEMGMT_DATA_DIR names, else null.</summary>
    public static string? DataDirectory(IDictionary fakeBoundParameters)
    {
        var path = fakeBoundParameters["DataDirectory"] as string is { Length: > 0 } given ? given
            : Environment.GetEnvironmentVariable(BackendCmdletBase.DataDirectoryVariable);
        if (string.IsNullOrWhiteSpace(path)) return null;
        var full = Path.GetFullPath(path, CurrentLocation());
        return Directory.Exists(full) ? full : null;
    }

    /// <summary>Values starting with the word typed so far (wildcards allowed), quoted where a value needs it.</summary>
    public static IEnumerable<CompletionResult> Matching<T>(string wordToComplete, IEnumerable<T> items, Func<T, string> value, Func<T, string?> tooltip)
    {
        var pattern = WildcardPattern.Get(wordToComplete.Trim('\'', '"') + "*", WildcardOptions.IgnoreCase);
        return items
            .Where(item => pattern.IsMatch(value(item)))
            .OrderBy(value, StringComparer.Ordinal)
            .Select(item => new CompletionResult(Quoted(value(item)), value(item), CompletionResultType.ParameterValue,
                string.IsNullOrWhiteSpace(tooltip(item)) ? value(item) : tooltip(item)))
            .ToList();
    }

    private static string Quoted(string value) =>
        value.Any(c => char.IsWhiteSpace(c) || "'\"`$&(){}[];,|<>@#".Contains(c)) ? $"'{value.Replace("'", "''")}'" : value;
}
