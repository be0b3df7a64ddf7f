using System.Net;
using System.Net.Sockets;
using ChangeMgmt.Aws.Dns;
using ChangeMgmt.Core.Dns;
using ChangeMgmt.Core.Ports;
using ChangeMgmt.Core.Readiness;

namespace ChangeMgmt.Aws.Tests.Dns;

/// <summary>The real resolver where no DNS server answers: the -Dns check is Unknown, not Fail.</summary>
public sealed class SystemDnsResolverTests
{
    [Fact]
    public async Task A_server_that_does_not_answer_is_unreachable_and_the_check_unknown()
    {
        // A bound UDP socket that never answers: every query to it times out.
        using var silent = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var resolver = new SystemDnsResolver([(IPEndPoint)silent.Client.LocalEndPoint!], TimeSpan.FromMilliseconds(200), retries: 0);
        var record = new DnsRecord("acme", "t1._domainkey.msp.example", "CNAME", "t1.dkim.amazonses.com", DnsRecordPurpose.Dkim, 1800);

        var lookup = await resolver.QueryAsync(record.Name, record.Type, CancellationToken.None);

        Assert.Equal(DnsLookupStatus.Unreachable, lookup.Status);
        Assert.Equal(CheckStatus.Unknown, DnsRecordCheck.Compare(record, lookup).Status);
    }
}
