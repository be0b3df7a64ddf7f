using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using ChangeMgmt.Core.Configuration;

namespace ChangeMgmt.Cmdlets;

/// <summary>Tab completion of -Customer from the configuration the command line points to.</summary>
public sealed class CustomerCodeCompleter : IArgumentCompleter
{
    /// <summary>The session's current file-system location (Set-Location), which the process directory does not follow.</summary>
    private static string CurrentLocation()
    {
        try
        {
            return System.Management.Automation.Runspaces.Runspace.DefaultRunspace?.SessionStateProxy.Path.CurrentFileSystemLocation.ProviderPath
                ?? Environment.CurrentDirectory;
        }
        catch (InvalidOperationException)
        {
            return Environment.CurrentDirectory;
        }
    }

    public IEnumerable<CompletionResult> CompleteArgument(
        string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var configPath = fakeBoundParameters["ConfigPath"] as string;
        string path;
        try
        {
            path = ConfigPathResolver.Resolve(configPath, CurrentLocation());
        }
        catch (ArgumentException)
        {
            return [];
        }
        ChangeMgmtConfig config;
        try
        {
            config = ConfigLoader.Load(path).Config;
        }
        catch (ConfigException)
        {
            return [];
        }
        var word = wordToComplete.Trim('\'', '"');
        var pattern = WildcardPattern.Get(word + "*", WildcardOptions.IgnoreCase);
        return config.CustomerMappings
            .Where(kv => pattern.IsMatch(kv.Key))
            .OrderBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => new CompletionResult(kv.Key, kv.Key, CompletionResultType.ParameterValue, kv.Value.DisplayName))
            .ToList();
    }
}
