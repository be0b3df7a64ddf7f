using ChangeMgmt.Aws;
using ChangeMgmt.Core.Configuration;
using ChangeMgmt.Core.Ports;
using ChangeMgmt.Local;

namespace ChangeMgmt.Cmdlets;

/// <summary>
/// Opens local mode or AWS. Only ChangeMgmt's own types appear here: AWSSDK and SQLite types stay
/// inside ChangeMgmt.Aws and ChangeMgmt.Local, which load in the module's own context.
/// </summary>
internal static class Backends
{
    public static Backend OpenLocal(LoadedConfig config, string dataDirectory) => LocalBackend.Open(config, dataDirectory);

    /// <summary>The hosted zone of route53_config (through its role), or null when none is configured.</summary>
    public static IDnsZone? OpenDnsZone(LoadedConfig config, AwsSettings settings) =>
        config.Config.Route53Config is { } route53 ? ChangeMgmt.Aws.Dns.Route53Zone.Open(route53, settings) : null;

    /// <summary>The system's DNS servers, as the internet's mail servers will ask.</summary>
    public static IDnsResolver DnsResolver() => new ChangeMgmt.Aws.Dns.SystemDnsResolver();
}
