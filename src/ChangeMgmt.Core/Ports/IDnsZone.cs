namespace ChangeMgmt.Core.Ports;

/// <summary>One record set of a hosted zone: its name (no trailing dot, lower case), type, TTL and values as the zone writes them.</summary>
public sealed record DnsRecordSet(string Name, string Type, int Ttl, IReadOnlyList<string> Values);

/// <summary>The DNS zone the MSP publishes its sender domain's records in (Route 53: route53_config).</summary>
public interface IDnsZone
{
    string ZoneId { get; }

    /// <summary>The zone's domain name, without the trailing dot.</summary>
    Task<string> GetNameAsync(CancellationToken ct);

    /// <summary>Every record set of the zone (every page read).</summary>
    Task<IReadOnlyList<DnsRecordSet>> ListRecordSetsAsync(CancellationToken ct);

    /// <summary>Creates or replaces exactly these record sets, in one change batch.</summary>
    Task UpsertAsync(IReadOnlyList<DnsRecordSet> recordSets, CancellationToken ct);
}
