using ChangeMgmt.Core.Dns;
using ChangeMgmt.Core.Ports;
using ChangeMgmt.Local;
using ChangeMgmt.Tests.Administration;

namespace ChangeMgmt.Tests.Dns;

/// <summary>Records read from local SES accounts, applied to an in-memory zone: what is written, what is kept, what a rerun does.</summary>
public sealed class SesDnsRecordServiceTests : AdminWorldTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    private SesDnsRecordService Service(IDnsZone? zone) => new(AdminWorld.Config, World.Adapters.SesAccounts, zone);

    private async Task<IReadOnlyList<DnsRecord>> IdentityRecordsAsync(SesDnsRecordService service, params Core.Configuration.CustomerConfig[] customers)
    {
        var all = new List<DnsRecord>();
        var zoneRecords = await service.ZoneRecordsAsync(None);
        foreach (var customer in customers)
        {
            await ((LocalSesAccount)World.Account(customer)).AddUnverifiedIdentityAsync("msp.example", "PENDING", None);
            all.AddRange(await service.RecordsAsync(customer, zoneRecords, None));
        }
        return all;
    }

    [Fact]
    public async Task Apply_writes_exactly_the_listed_record_sets_and_a_rerun_writes_nothing()
    {
        var unrelated = new DnsRecordSet("www.msp.example", "A", 300, ["192.0.2.1"]);
        var zone = new FakeZone("msp.example", unrelated);
        var service = Service(zone);
        var records = await IdentityRecordsAsync(service, AdminWorld.Acme);

        var applied = await service.ApplyAsync(records, None);

        Assert.All(applied, a => Assert.Equal(DnsApplyAction.Upserted, a.Action));
        Assert.Equal(records.Select(r => (r.Name, r.Type)).Order(), zone.Batches.Single().Select(s => (s.Name, s.Type)).Order());
        Assert.Equal(unrelated, zone.Find("www.msp.example", "A"));
        var rerun = await service.ApplyAsync(records, None);
        Assert.All(rerun, a => Assert.Equal(DnsApplyAction.AlreadySo, a.Action));
        Assert.Single(zone.Batches);
    }

    [Fact]
    public async Task An_existing_spf_is_merged_other_txt_kept_and_the_mx_of_another_region_kept()
    {
        var zone = new FakeZone("msp.example.",
            new DnsRecordSet("bounce.msp.example", "TXT", 300, ["\"v=spf1 include:_spf.google.com -all\"", "\"site-verification=xyz\""]),
            new DnsRecordSet("bounce.msp.example", "MX", 300, ["10 feedback-smtp.eu-west-1.amazonses.com"]));
        var service = Service(zone);
        var records = await IdentityRecordsAsync(service, AdminWorld.Acme);

        await service.ApplyAsync(records, None);

        Assert.Equal(["\"site-verification=xyz\"", "\"v=spf1 include:_spf.google.com include:amazonses.com -all\""], zone.Find("bounce.msp.example", "TXT")!.Values.Order());
        Assert.Equal(["10 feedback-smtp.eu-west-1.amazonses.com", $"10 feedback-smtp.{AdminWorld.Acme.Region}.amazonses.com"], zone.Find("bounce.msp.example", "MX")!.Values);
    }

    [Fact]
    public async Task Two_customers_share_the_mail_from_and_dmarc_sets_and_keep_their_own_dkim_records()
    {
        var zone = new FakeZone("msp.example");
        var service = Service(zone);
        var records = await IdentityRecordsAsync(service, AdminWorld.Acme, AdminWorld.Globex);

        await service.ApplyAsync(records, None);

        Assert.Equal(records.Where(r => r.Type == "CNAME").Select(r => r.Name).Distinct().Order(), zone.Records.Where(r => r.Type == "CNAME").Select(r => r.Name).Order());
        Assert.Equal(records.Where(r => r.Type == "MX").Select(r => r.Value).Distinct().Order(), zone.Find("bounce.msp.example", "MX")!.Values.Order());
        Assert.Single(zone.Find("_dmarc.msp.example", "TXT")!.Values);
    }

    [Fact]
    public async Task A_zone_of_another_domain_is_refused_before_anything_is_written()
    {
        var zone = new FakeZone("other.example");
        var service = Service(zone);
        var records = await IdentityRecordsAsync(service, AdminWorld.Acme);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => service.ApplyAsync(records, None));

        Assert.Contains("route53_config.zone_id", error.Message);
        Assert.Empty(zone.Batches);
    }

    [Fact]
    public async Task A_customer_without_the_identity_is_told_to_run_initialize()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => Service(null).RecordsAsync(AdminWorld.Acme, [], None));

        Assert.Contains("Initialize-SesAccount -Customer acme", error.Message);
    }

    [Fact]
    public async Task The_dns_check_reports_each_record_from_the_resolver()
    {
        var service = Service(null);
        var records = await IdentityRecordsAsync(service, AdminWorld.Acme);
        var resolver = new FakeResolver(records.Where(r => r.Type == "CNAME").ToDictionary(r => (r.Name, r.Type), r => r.Value));

        var results = await new DnsRecordCheck(service, resolver).RunAsync(AdminWorld.Acme, None);

        Assert.Equal(records.Count, results.Count);
        Assert.All(results.Where(r => r.Check == "DnsDkim"), r => Assert.Equal(Core.Readiness.CheckStatus.Pass, r.Status));
        Assert.All(results.Where(r => r.Check != "DnsDkim"), r => Assert.Equal(Core.Readiness.CheckStatus.Fail, r.Status));
    }

    private sealed class FakeResolver(Dictionary<(string, string), string> answers) : IDnsResolver
    {
        public Task<DnsLookup> QueryAsync(string name, string type, CancellationToken ct) => Task.FromResult(answers.TryGetValue((name, type), out var value)
            ? new DnsLookup(DnsLookupStatus.Found, [value])
            : new DnsLookup(DnsLookupStatus.NoRecords, []));
    }
}
