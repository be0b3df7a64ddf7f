using System.Text.Json;
using ChangeMgmt.Core.Configuration;

namespace ChangeMgmt.Tests.Dns;

public sealed class Route53ConfigTests
{
    private static ChangeMgmtConfig Parse(string route53) =>
        JsonSerializer.Deserialize<ChangeMgmtConfig>($$"""{"email_config":{"sender_address":"changes@msp.example"},"route53_config":{{route53}}}""")!;

    [Fact]
    public void The_original_fields_are_read_and_the_zone_id_prefix_dropped()
    {
        var config = Parse("""{"zone_id":"/hostedzone/Z1234567890ABC","role_arn":"arn:aws:iam::123456789012:role/DNSManagementRole"}""");

        Assert.Equal("Z1234567890ABC", config.Route53Config!.HostedZoneId);
        Assert.Equal("arn:aws:iam::123456789012:role/DNSManagementRole", config.Route53Config.RoleArn);
        Assert.DoesNotContain(ConfigValidator.Validate(config, "config.json"), p => p.Path.StartsWith("route53_config", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("""{"role_arn":"arn:aws:iam::123456789012:role/dns"}""", "route53_config.zone_id")]
    [InlineData("""{"zone_id":"example.com"}""", "route53_config.zone_id")]
    [InlineData("""{"zone_id":"Z1234567890ABC","role_arn":"dns-role"}""", "route53_config.role_arn")]
    public void A_missing_or_malformed_field_is_a_problem_naming_it(string route53, string path) =>
        Assert.Contains(ConfigValidator.Validate(Parse(route53), "config.json"), p => p.Path == path);

    [Fact]
    public void The_fixture_without_route53_config_has_none() =>
        Assert.Null(ConfigLoader.Load(Path.Combine(SharedFixtures.RepositoryRoot(), "examples", "config.json")).Config.Route53Config);
}
