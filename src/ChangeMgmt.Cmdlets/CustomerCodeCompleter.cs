using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using ChangeMgmt.Core.Configuration;

namespace ChangeMgmt.Cmdlets;

/// <summary>Tab completion of -Customer from the configuration the command line points to.</summary>
public sealed class CustomerCodeCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(
        string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var configPath = fakeBoundParameters["ConfigPath"] as string;
        string path;
        try
        {
            path = ConfigPathResolver.Resolve(configPath, Environment.CurrentDirectory);
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
