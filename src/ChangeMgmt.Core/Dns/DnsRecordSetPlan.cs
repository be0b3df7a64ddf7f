using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Core.Dns;

/// <summary>One record set to write (or already so) and the records it carries.</summary>
internal sealed record PlannedRecordSet(DnsRecordSet Set, bool Changed, IReadOnlyList<DnsRecord> Records);

/// <summary>
/// The record sets that carry the wanted records, from the zone's current ones: a CNAME is replaced;
/// an MX keeps the values there (other regions' feedback endpoints) and adds the wanted ones; a TXT
/// keeps its texts of other kinds and replaces the SPF (or DMARC) text with the wanted one.
/// </summary>
internal static class DnsRecordSetPlan
{
    public static IReadOnlyList<PlannedRecordSet> For(IReadOnlyList<DnsRecord> records, IReadOnlyList<DnsRecordSet> current) =>
    [
        .. records.GroupBy(r => (Name: DnsNames.Normalize(r.Name), r.Type)).Select(group =>
        {
            var existing = current.FirstOrDefault(s => DnsNames.Normalize(s.Name) == group.Key.Name && s.Type == group.Key.Type);
            var values = Values(group.Key.Type, group.ToList(), existing?.Values ?? []);
            var changed = existing is null || !SameValues(group.Key.Type, existing.Values, values);
            return new PlannedRecordSet(new DnsRecordSet(group.Key.Name, group.Key.Type, group.Max(r => r.Ttl), values), changed, group.ToList());
        }),
    ];

    private static IReadOnlyList<string> Values(string type, IReadOnlyList<DnsRecord> wanted, IReadOnlyList<string> existing)
    {
        var values = type switch
        {
            "CNAME" => [],
            "TXT" => existing.Where(v => !wanted.Any(w => SameKind(w.Value, v))).ToList(),
            _ => existing.ToList(),
        };
        foreach (var value in wanted.Select(w => w.Value))
            if (!values.Any(v => DnsNames.SameValue(type, v, value))) values.Add(value);
        return values;
    }

    /// <summary>Two TXT values of which a name holds only one: both SPF, or both DMARC.</summary>
    private static bool SameKind(string a, string b)
    {
        var (x, y) = (TxtValues.Unquote(a), TxtValues.Unquote(b));
        return (SpfRecord.IsSpf(x) && SpfRecord.IsSpf(y)) || (DmarcRecord.IsDmarc(x) && DmarcRecord.IsDmarc(y));
    }

    private static bool SameValues(string type, IReadOnlyList<string> a, IReadOnlyList<string> b) =>
        a.Count == b.Count && a.All(x => b.Any(y => DnsNames.SameValue(type, x, y)));
}
