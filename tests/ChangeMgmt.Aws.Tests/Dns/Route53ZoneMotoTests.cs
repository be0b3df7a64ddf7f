using ChangeMgmt.Aws.Dns;
using ChangeMgmt.Aws.Tests.Credentials;
using ChangeMgmt.Aws.Tests.Support;
using ChangeMgmt.Core.Configuration;
using ChangeMgmt.Core.Errors;
using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Aws.Tests.Dns;

/// <summary>The Route 53 adapter against moto's hosted zones: UPSERT batches, every page of the record sets, errors.</summary>
[Collection(MotoCollection.Name)]
public sealed class Route53ZoneMotoTests(MotoServer moto) : IAsyncLifetime
{
    private static readonly CancellationToken None = CancellationToken.None;

    public Task InitializeAsync() => moto.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Upserted_record_sets_are_listed_across_pages_with_their_values()
    {
        var zoneId = await MotoRoute53.CreateZoneAsync(moto, "msp.example");
        using var zone = new Route53Zone(zoneId, new Amazon.Runtime.BasicAWSCredentials("test", "test"), MotoSettings.For(moto), pageSize: 2);
        DnsRecordSet[] sets =
        [
            .. Enumerable.Range(1, 5).Select(i => new DnsRecordSet($"t{i}._domainkey.msp.example", "CNAME", 1800, [$"t{i}.dkim.amazonses.com"])),
            new("bounce.msp.example", "MX", 1800, ["10 feedback-smtp.us-east-1.amazonses.com", "10 feedback-smtp.eu-west-1.amazonses.com"]),
            new("bounce.msp.example", "TXT", 1800, ["\"v=spf1 include:amazonses.com ~all\""]),
        ];

        await zone.UpsertAsync(sets, None);
        var listed = await zone.ListRecordSetsAsync(None);

        Assert.Equal("msp.example", await zone.GetNameAsync(None));
        Assert.Equal(sets.OrderBy(s => s.Name).ThenBy(s => s.Type), listed.Where(s => s.Type is not ("SOA" or "NS")).OrderBy(s => s.Name).ThenBy(s => s.Type),
            new RecordSetComparer());
        Assert.Contains(listed, s => s.Type == "SOA");
    }

    [Fact]
    public async Task An_upsert_replaces_the_values_of_a_record_set()
    {
        var zoneId = await MotoRoute53.CreateZoneAsync(moto, "msp.example");
        using var zone = new Route53Zone(zoneId, new Amazon.Runtime.BasicAWSCredentials("test", "test"), MotoSettings.For(moto));
        await zone.UpsertAsync([new("bounce.msp.example", "TXT", 300, ["\"v=spf1 -all\""])], None);

        await zone.UpsertAsync([new("bounce.msp.example", "TXT", 1800, ["\"v=spf1 include:amazonses.com -all\"", "\"other\""])], None);

        var txt = (await zone.ListRecordSetsAsync(None)).Single(s => s.Name == "bounce.msp.example" && s.Type == "TXT");
        Assert.Equal(["\"other\"", "\"v=spf1 include:amazonses.com -all\""], txt.Values.Order());
        Assert.Equal(1800, txt.Ttl);
    }

    [Fact]
    public async Task A_zone_that_does_not_exist_is_not_found_with_routes_53_error_code()
    {
        using var zone = new Route53Zone("Z0000000000NONE", new Amazon.Runtime.BasicAWSCredentials("test", "test"), MotoSettings.For(moto));

        var error = await Assert.ThrowsAsync<ServiceException>(() => zone.ListRecordSetsAsync(None));

        Assert.Equal(ServiceErrorKind.NotFound, error.Kind);
        Assert.Equal("NoSuchHostedZone", error.ErrorCode);
    }

    [Fact]
    public async Task The_zone_is_reached_through_the_role_of_route53_config()
    {
        var zoneId = await MotoRoute53.CreateZoneAsync(moto, "msp.example");
        var config = new Route53Config { ZoneId = "/hostedzone/" + zoneId, RoleArn = "arn:aws:iam::123456789012:role/changemgmt-dns" };
        using var zone = Route53Zone.Open(config, MotoSettings.For(moto));

        await zone.UpsertAsync([new("_dmarc.msp.example", "TXT", 1800, ["\"v=DMARC1; p=none\""])], None);

        Assert.Contains(await zone.ListRecordSetsAsync(None), s => s.Name == "_dmarc.msp.example");
        Assert.Equal(zoneId, zone.ZoneId);
        // moto keeps each account's zones apart: a role in another account does not see this one, so the calls above went through the role.
        using var elsewhere = Route53Zone.Open(config with { RoleArn = "arn:aws:iam::999999999999:role/changemgmt-dns" }, MotoSettings.For(moto));
        Assert.Equal(ServiceErrorKind.NotFound, (await Assert.ThrowsAsync<ServiceException>(() => elsewhere.GetNameAsync(None))).Kind);
    }
}
