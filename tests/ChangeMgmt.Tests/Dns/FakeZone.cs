using ChangeMgmt.Core.Dns;
using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Tests.Dns;

/// <summary>An in-memory hosted zone that counts its change batches.</summary>
internal sealed class FakeZone(string name, params DnsRecordSet[] sets) : IDnsZone
{
    private readonly List<DnsRecordSet> records = [.. sets];

    public string ZoneId => "ZFAKE";

    public List<IReadOnlyList<DnsRecordSet>> Batches { get; } = [];

    public IReadOnlyList<DnsRecordSet> Records => records;

    public Task<string> GetNameAsync(CancellationToken ct) => Task.FromResult(name);

    public Task<IReadOnlyList<DnsRecordSet>> ListRecordSetsAsync(CancellationToken ct) => Task.FromResult<IReadOnlyList<DnsRecordSet>>([.. records]);

    public Task UpsertAsync(IReadOnlyList<DnsRecordSet> recordSets, CancellationToken ct)
    {
        Batches.Add(recordSets);
        foreach (var set in recordSets)
        {
            records.RemoveAll(r => DnsNames.Normalize(r.Name) == set.Name && r.Type == set.Type);
            records.Add(set);
        }
        return Task.CompletedTask;
    }

    public DnsRecordSet? Find(string recordName, string type) => records.SingleOrDefault(r => DnsNames.Normalize(r.Name) == recordName && r.Type == type);
}
