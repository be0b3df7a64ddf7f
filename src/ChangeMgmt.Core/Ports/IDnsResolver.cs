namespace ChangeMgmt.Core.Ports;

/// <summary>Found: the name has records of the type; NoRecords: DNS answered without any; Unreachable: no DNS server answered.</summary>
public enum DnsLookupStatus { Found, NoRecords, Unreachable }

/// <summary>
/// What DNS answered: CNAME and MX values as hosts without the trailing dot ("10 host" for MX),
/// TXT values as their text (strings joined, no quotes).
/// </summary>
public sealed record DnsLookup(DnsLookupStatus Status, IReadOnlyList<string> Values, string? Error = null)
{
    public static DnsLookup Unreachable(string error) => new(DnsLookupStatus.Unreachable, [], error);
}

/// <summary>Resolves records as the internet sees them (the system's DNS servers).</summary>
public interface IDnsResolver
{
    /// <param name="type">CNAME, MX or TXT.</param>
    Task<DnsLookup> QueryAsync(string name, string type, CancellationToken ct);
}
