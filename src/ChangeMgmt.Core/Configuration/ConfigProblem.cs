namespace ChangeMgmt.Core.Configuration;

/// <summary>One thing wrong with a configuration file: where, what, and how to fix it.</summary>
public sealed record ConfigProblem(string File, string Path, string Message, string Fix)
{
    public override string ToString() => $"{File}: {Path}: {Message} Fix: {Fix}";
}

public sealed class ConfigException(IReadOnlyList<ConfigProblem> problems)
    : Exception(FormatMessage(problems))
{
    public IReadOnlyList<ConfigProblem> Problems { get; } = problems;

    private static string FormatMessage(IReadOnlyList<ConfigProblem> problems) =>
        $"The configuration has {problems.Count} problem(s):{Environment.NewLine}" +
        string.Join(Environment.NewLine, problems.Select(p => "  - " + p));
}
