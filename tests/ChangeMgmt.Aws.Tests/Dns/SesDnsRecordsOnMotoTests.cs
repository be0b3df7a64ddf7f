using ChangeMgmt.Aws.Dns;
using ChangeMgmt.Aws.Tests.Credentials;
using ChangeMgmt.Aws.Tests.Support;
using ChangeMgmt.Core.Configuration;
using ChangeMgmt.Core.Dns;
using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Aws.Tests.Dns;

/// <summary>
/// Issue 19, point 2 in AWS mode: records read from each customer's SES account (through its role;
/// GetEmailIdentity stubbed where moto lacks tokens), applied to moto's Route 53 zone through the DNS role.
/// </summary>
[Collection(MotoCollection.Name)]
public sealed class SesDnsRecordsOnMotoTests(MotoServer moto) : IAsyncLifetime
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly Dictionary<string, (string Account, string Region, string[] Tokens)> Customers = new()
    {
        ["acme"] = ("110000000001", "us-east-1", ["acme1", "acme2", "acme3"]),
        ["globex"] = ("110000000002", "us-west-2", ["globex1", "globex2", "globex3"]),
    };

    private string zoneId = "";

    public async Task InitializeAsync()
    {
        await moto.ResetAsync();
        zoneId = await MotoRoute53.CreateZoneAsync(moto, "msp.example");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private LoadedConfig Config() => new(new ChangeMgmtConfig
    {
        AwsRegion = "us-east-1",
        CustomerMappings = Customers.ToDictionary(c => c.Key, c => new CustomerConfig
        {
            CustomerCode = c.Key, Region = c.Value.Region, SesRoleArn = $"arn:aws:iam::{c.Value.Account}:role/changemgmt-ses",
        }),
        EmailConfig = new EmailConfig { SenderAddress = "changes@msp.example", Domain = "msp.example", MailFromSubdomain = "bounce", DmarcPolicy = "none", DmarcReportEmail = "dmarc-reports" },
        Route53Config = new Route53Config { ZoneId = zoneId, RoleArn = "arn:aws:iam::123456789012:role/changemgmt-dns" },
    }, new SesConfig(), [], "moto/config.json", "moto/SESConfig.json");

    private async Task<(IReadOnlyList<AppliedDnsRecord> Applied, IReadOnlyList<DnsRecord> Records)> ApplyAsync(LoadedConfig config)
    {
        var settings = MotoSettings.For(moto);
        using var roles = new ChangeMgmt.Aws.Credentials.AssumedCustomerRoles(settings);
        using var accounts = new ChangeMgmt.Aws.Ses.AwsSesAccountProvider(config, roles, settings, 50, c => new IdentityStubHandler("msp.example", Customers[c.CustomerCode].Tokens));
        using var zone = Route53Zone.Open(config.Config.Route53Config!, MotoSettings.For(moto), pageSize: 3);
        var service = new SesDnsRecordService(config, accounts, zone);
        var zoneRecords = await service.ZoneRecordsAsync(None);
        var records = new List<DnsRecord>();
        foreach (var customer in config.Config.Customers) records.AddRange(await service.RecordsAsync(customer, zoneRecords, None));
        return (await service.ApplyAsync(records, None), records);
    }

    private async Task<IReadOnlyList<DnsRecordSet>> ZoneAsync()
    {
        using var zone = new Route53Zone(zoneId, new Amazon.Runtime.BasicAWSCredentials("test", "test"), MotoSettings.For(moto));
        return [.. (await zone.ListRecordSetsAsync(None)).Where(s => s.Type is not ("SOA" or "NS")).OrderBy(s => s.Name).ThenBy(s => s.Type)];
    }

    [Fact]
    public async Task Apply_writes_exactly_the_records_of_every_customer_and_a_rerun_changes_nothing()
    {
        var (applied, _) = await ApplyAsync(Config());

        var zone = await ZoneAsync();
        Assert.All(applied, a => Assert.Equal(DnsApplyAction.Upserted, a.Action));
        Assert.Equal(
        [
            ("_dmarc.msp.example", "TXT", "\"v=DMARC1; p=none; rua=mailto:dmarc-reports@msp.example\""),
            ("acme1._domainkey.msp.example", "CNAME", "acme1.dkim.amazonses.com"),
            ("acme2._domainkey.msp.example", "CNAME", "acme2.dkim.amazonses.com"),
            ("acme3._domainkey.msp.example", "CNAME", "acme3.dkim.amazonses.com"),
            ("bounce.msp.example", "MX", "10 feedback-smtp.us-east-1.amazonses.com; 10 feedback-smtp.us-west-2.amazonses.com"),
            ("bounce.msp.example", "TXT", "\"v=spf1 include:amazonses.com ~all\""),
            ("globex1._domainkey.msp.example", "CNAME", "globex1.dkim.amazonses.com"),
            ("globex2._domainkey.msp.example", "CNAME", "globex2.dkim.amazonses.com"),
            ("globex3._domainkey.msp.example", "CNAME", "globex3.dkim.amazonses.com"),
        ], zone.Select(s => (s.Name, s.Type, string.Join("; ", s.Values.Order()))));

        var (rerun, _) = await ApplyAsync(Config());

        Assert.All(rerun, a => Assert.Equal(DnsApplyAction.AlreadySo, a.Action));
        Assert.Equal(zone, await ZoneAsync(), new RecordSetComparer());
    }

    [Fact]
    public async Task An_spf_record_in_the_zone_is_merged_and_the_zones_other_records_are_untouched()
    {
        using (var zone = new Route53Zone(zoneId, new Amazon.Runtime.BasicAWSCredentials("test", "test"), MotoSettings.For(moto)))
            await zone.UpsertAsync(
            [
                new("bounce.msp.example", "TXT", 300, ["\"v=spf1 include:_spf.google.com -all\""]),
                new("www.msp.example", "A", 300, ["192.0.2.10"]),
            ], None);

        var (_, records) = await ApplyAsync(Config());

        var after = await ZoneAsync();
        Assert.Equal("\"v=spf1 include:_spf.google.com include:amazonses.com -all\"", after.Single(s => s.Name == "bounce.msp.example" && s.Type == "TXT").Values.Single());
        Assert.Equal(["192.0.2.10"], after.Single(s => s.Name == "www.msp.example").Values);
        Assert.All(records.Where(r => r.Purpose == DnsRecordPurpose.MailFromSpf), r => Assert.Contains("include:_spf.google.com", r.Value));
    }
}
