using ChangeMgmt.Core.Configuration;
using ChangeMgmt.Core.Errors;
using ChangeMgmt.Core.Ports;
using ChangeMgmt.Core.Readiness;

namespace ChangeMgmt.Core.Dns;

/// <summary>
/// Test-ChangeMgmtConfig -Dns: whether the records a customer's identity needs resolve to the expected
/// values. Where no DNS server answers, the check is Unknown, never Fail.
/// </summary>
public sealed class DnsRecordCheck(SesDnsRecordService records, IDnsResolver resolver)
{
    public async Task<IReadOnlyList<DeliverabilityResult>> RunAsync(CustomerConfig customer, CancellationToken ct)
    {
        IReadOnlyList<DnsRecord> expected;
        try
        {
            expected = await records.RecordsAsync(customer, [], ct);
        }
        catch (Exception ex) when (ex is ServiceException or HttpRequestException or InvalidOperationException)
        {
            return [new(customer.CustomerCode, "Dns", CheckStatus.Unknown, $"the expected records are not known: {ex.Message}", $"Run {SetupNames.InitializeCommand(customer.CustomerCode)} first.")];
        }
        var results = new List<DeliverabilityResult>();
        foreach (var record in expected)
            results.Add(Compare(record, await resolver.QueryAsync(record.Name, record.Type, ct)));
        return results;
    }

    public static string CheckName(DnsRecord record) => "Dns" + record.Purpose;

    /// <summary>One expected record against what DNS answered for its name and type.</summary>
    public static DeliverabilityResult Compare(DnsRecord record, DnsLookup lookup)
    {
        var where = $"{record.Name} {record.Type}";
        var fix = $"Run Get-SesDnsRecord -Customer {record.CustomerCode} -Apply (route53_config), or publish {where} {record.Value} with your DNS provider.";
        if (lookup.Status == DnsLookupStatus.Unreachable)
            return new(record.CustomerCode, CheckName(record), CheckStatus.Unknown, $"{where}: DNS could not be reached ({lookup.Error})", "Run the check again where DNS servers answer.");
        if (lookup.Status == DnsLookupStatus.NoRecords || lookup.Values.Count == 0)
            return new(record.CustomerCode, CheckName(record), CheckStatus.Fail, $"{where}: no record published", fix);
        var found = string.Join(", ", lookup.Values);
        var status = Matches(record, lookup.Values);
        return status == CheckStatus.Pass
            ? new(record.CustomerCode, CheckName(record), status, $"{where}: {found}")
            : new(record.CustomerCode, CheckName(record), status, $"{where}: {found}, expected {record.Value}", fix);
    }

    private static CheckStatus Matches(DnsRecord record, IReadOnlyList<string> values)
    {
        var wanted = TxtValues.Unquote(record.Value);
        return record.Purpose switch
        {
            DnsRecordPurpose.MailFromSpf => values.Any(v => SpfRecord.IsSpf(v) && SpfRecord.IncludesSes(v)) ? CheckStatus.Pass : CheckStatus.Fail,
            DnsRecordPurpose.Dmarc => values.Where(DmarcRecord.IsDmarc).Select(DmarcRecord.Policy).ToList() switch
            {
                [] => CheckStatus.Fail,
                var policies when policies.Contains(DmarcRecord.Policy(wanted), StringComparer.OrdinalIgnoreCase) => CheckStatus.Pass,
                _ => CheckStatus.Warn,
            },
            _ => values.Any(v => DnsNames.SameValue(record.Type, v, record.Value)) ? CheckStatus.Pass : CheckStatus.Fail,
        };
    }
}
