using ChangeMgmt.Core.Configuration;
using ChangeMgmt.Core.Ports;
using ChangeMgmt.Core.Readiness;

namespace ChangeMgmt.Core.Dns;

/// <summary>
/// The DNS records each customer's SES identity needs (from its account: DKIM tokens; from the
/// zone, when one is configured: the SPF there to merge), and publishing them to the zone.
/// </summary>
public sealed class SesDnsRecordService(LoadedConfig config, ISesAccountProvider accounts, IDnsZone? zone)
{
    public IDnsZone? Zone => zone;

    /// <summary>The zone's record sets (none without a zone): read once per command, then handed to <see cref="RecordsAsync"/>.</summary>
    public async Task<IReadOnlyList<DnsRecordSet>> ZoneRecordsAsync(CancellationToken ct) =>
        zone is null ? [] : await zone.ListRecordSetsAsync(ct);

    /// <exception cref="InvalidOperationException">No sender domain, or no identity or DKIM tokens yet (run Initialize-SesAccount).</exception>
    public async Task<IReadOnlyList<DnsRecord>> RecordsAsync(CustomerConfig customer, IReadOnlyList<DnsRecordSet> zoneRecords, CancellationToken ct)
    {
        var code = customer.CustomerCode;
        var domain = config.Email.SenderDomain ?? throw new InvalidOperationException("No sender domain: set email_config.domain in config.json.");
        var identity = await SesLookups.IdentityAsync(accounts.ForCustomer(code), domain, ct)
            ?? throw new InvalidOperationException($"{code}: its SES account has no identity {domain}. Run {SetupNames.InitializeCommand(code)} first.");
        var region = customer.Region ?? config.Config.AwsRegion ?? "us-east-1";
        var mailFromTxt = config.Email.MailFromDomain is { } mailFrom
            ? zoneRecords.Where(s => s.Type == "TXT" && DnsNames.Normalize(s.Name) == mailFrom).SelectMany(s => s.Values).Select(TxtValues.Unquote)
            : [];
        return SesDnsRecords.For(config.Email, code, identity, region, mailFromTxt);
    }

    /// <summary>
    /// Writes the record sets that carry <paramref name="records"/> (only those names and types) in one
    /// UPSERT batch, reading the zone again first; a set the zone already holds is not written.
    /// </summary>
    public async Task<IReadOnlyList<AppliedDnsRecord>> ApplyAsync(IReadOnlyList<DnsRecord> records, CancellationToken ct)
    {
        var target = zone ?? throw new InvalidOperationException("No hosted zone: set route53_config.zone_id (and role_arn) in config.json to apply records.");
        var zoneName = await target.GetNameAsync(ct);
        if (records.FirstOrDefault(r => !DnsNames.IsInZone(r.Name, zoneName)) is { } outside)
            throw new InvalidOperationException($"{outside.Name} is not in the hosted zone {zoneName} ({target.ZoneId}): set route53_config.zone_id to the zone of {config.Email.SenderDomain}.");
        var plan = DnsRecordSetPlan.For(records, await target.ListRecordSetsAsync(ct));
        var changed = plan.Where(p => p.Changed).Select(p => p.Set).ToList();
        if (changed.Count > 0) await target.UpsertAsync(changed, ct);
        return [.. plan.SelectMany(p => p.Records.Select(r => AppliedDnsRecord.Of(r, p.Changed ? DnsApplyAction.Upserted : DnsApplyAction.AlreadySo, target.ZoneId)))];
    }
}
