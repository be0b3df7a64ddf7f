namespace ChangeMgmt.Cmdlets;

/// <summary>
/// The session's defaults for the AWS parameters (Set-ChangeMgmtDefault), kept in the global variable
/// $ChangeMgmtDefault; a cmdlet's own parameters win over them, and they win over AWS.Tools' session defaults.
/// </summary>
public sealed class ChangeMgmtDefault
{
    public const string VariableName = "ChangeMgmtDefault";

    public string? ProfileName { get; init; }

    public string? Region { get; init; }

    public string? EndpointUrl { get; init; }

    /// <summary>Credentials as -Credential takes them (the secret is never shown).</summary>
    public object? Credential { get; init; }

    public override string ToString() =>
        string.Join(", ", new[] { ("ProfileName", ProfileName), ("Region", Region), ("EndpointUrl", EndpointUrl), ("Credential", Credential is null ? null : "(set)") }
            .Where(p => p.Item2 is not null).Select(p => $"{p.Item1}={p.Item2}"));
}
