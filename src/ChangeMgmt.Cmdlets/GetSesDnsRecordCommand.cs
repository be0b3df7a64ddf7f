using System.Collections.Concurrent;
using System.Management.Automation;
using ChangeMgmt.Core.Dns;
using ChangeMgmt.Core.Errors;
using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Cmdlets;

/// <summary>
/// The DNS records each customer's SES identity needs (three DKIM CNAMEs, the MAIL FROM MX and SPF,
/// DMARC), with an SPF already published merged rather than replaced; -Apply UPSERTs exactly those
/// records into the hosted zone of route53_config (one confirmation per record).
/// </summary>
[Cmdlet(VerbsCommon.Get, "SesDnsRecord", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(DnsRecord), typeof(AppliedDnsRecord))]
public sealed class GetSesDnsRecordCommand : SesCmdletBase
{
    private IDnsZone? _zone;

    /// <summary>Write the records to the hosted zone of route53_config (AWS mode).</summary>
    [Parameter]
    public SwitchParameter Apply { get; set; }

    protected override void ProcessRecord()
    {
        var customers = SelectedCustomers();
        if (customers.Count == 0) return;
        var service = new SesDnsRecordService(Config, Backend.SesAccounts, OpenZone());
        var zoneRecords = ReadZone(service);
        var found = new ConcurrentDictionary<string, IReadOnlyList<DnsRecord>>(StringComparer.Ordinal);
        ForEachCustomer(customers, "Reading SES DNS records", "SesDnsRecord", async (customer, pump, ct) =>
        {
            var records = await service.RecordsAsync(customer, zoneRecords, ct);
            if (Apply) found[customer.CustomerCode] = records;
            else pump.Post(() => WriteObject(records, enumerateCollection: true));
        });
        if (Apply) ApplyRecords(service, [.. customers.SelectMany(c => found.GetValueOrDefault(c.CustomerCode) ?? [])]);
    }

    private IDnsZone? OpenZone()
    {
        if (Apply && Config.Config.Route53Config is null)
            ThrowTerminatingError(Errors.InvalidArgument("Route53ConfigMissing",
                "-Apply writes to the hosted zone of route53_config, and config.json has none. Set route53_config.zone_id (and role_arn), or publish the records listed without -Apply yourself.", null));
        if (ResolvedDataDirectory is not null)
        {
            if (Apply) ThrowTerminatingError(Errors.InvalidArgument("Route53NotInLocalMode", "-Apply writes to Route 53, which local mode does not have; run it without -DataDirectory.", ResolvedDataDirectory));
            return null;
        }
        return _zone = Backends.OpenDnsZone(Config, AwsSettings);
    }

    private IReadOnlyList<DnsRecordSet> ReadZone(SesDnsRecordService service)
    {
        try
        {
            return Await(service.ZoneRecordsAsync);
        }
        catch (Exception ex) when (ex is ServiceException or HttpRequestException)
        {
            ThrowTerminatingError(Errors.For(ex, "HostedZone", service.Zone?.ZoneId));
            throw; // unreachable
        }
    }

    private void ApplyRecords(SesDnsRecordService service, IReadOnlyList<DnsRecord> records)
    {
        var zoneId = service.Zone!.ZoneId;
        var approved = records.Where(r => ShouldProcess($"{r.CustomerCode}: {r.Name} {r.Type}", $"UPSERT {r.Value} in hosted zone {zoneId}")).ToList();
        if (approved.Count == 0) return;
        try
        {
            WriteObject(Await(ct => service.ApplyAsync(approved, ct)), enumerateCollection: true);
        }
        catch (Exception ex) when (ex is ServiceException or HttpRequestException or InvalidOperationException)
        {
            WriteError(Errors.For(ex, "SesDnsRecordApply", zoneId));
        }
    }

    protected override void EndProcessing()
    {
        CloseZone();
        base.EndProcessing();
    }

    protected override void OnDispose()
    {
        CloseZone();
        base.OnDispose();
    }

    private void CloseZone()
    {
        (_zone as IDisposable)?.Dispose();
        _zone = null;
    }
}
