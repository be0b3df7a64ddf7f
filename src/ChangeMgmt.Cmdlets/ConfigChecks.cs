using ChangeMgmt.Core.Configuration;

namespace ChangeMgmt.Cmdlets;

/// <summary>Runs the Core loader and returns its problems instead of throwing.</summary>
internal static class ConfigChecks
{
    public static IReadOnlyList<ConfigProblem> Problems(string configPath)
    {
        try
        {
            ConfigLoader.Load(configPath);
            return [];
        }
        catch (ConfigException ex)
        {
            return ex.Problems;
        }
    }
}
