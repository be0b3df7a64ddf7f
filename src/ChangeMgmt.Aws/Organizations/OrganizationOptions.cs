namespace ChangeMgmt.Aws.Organizations;

/// <summary>
/// Pacing per organization (all calls go through its management account). The Account Management quotas are per
/// account: GetAlternateContact 10/s (burst 15), PutAlternateContact 5/s (1/s in older quota tables), DeleteAlternateContact
/// 1/s (burst 6); the defaults stay at or below the lowest of them.
/// </summary>
public sealed record OrganizationOptions
{
    public double ReadsPerSecond { get; init; } = 5;
    public double WritesPerSecond { get; init; } = 1;
    /// <summary>ListAccounts page size (Organizations allows 1-20).</summary>
    public int PageSize { get; init; } = 20;
    /// <summary>The innermost HTTP handler (tests); null for the default.</summary>
    public HttpMessageHandler? Handler { get; init; }
}
