using System.Text;
using System.Xml.Linq;
using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Signing;
using ChangeMgmt.Aws.Tests.Support;

namespace ChangeMgmt.Aws.Tests.Dns;

/// <summary>Test set-up in moto's Route 53: CreateHostedZone (REST-XML, signed as the MSP's caller).</summary>
internal static class MotoRoute53
{
    private static readonly XNamespace Ns = "https://route53.amazonaws.com/doc/2013-04-01/";

    /// <summary>Creates a public hosted zone and answers its id (without /hostedzone/).</summary>
    public static async Task<string> CreateZoneAsync(MotoServer moto, string name)
    {
        using var http = new HttpClient(new SigV4SigningHandler(new BasicAWSCredentials("test", "test"), RegionEndpoint.USEast1, "route53", new SocketsHttpHandler()))
        {
            BaseAddress = moto.Endpoint,
        };
        var body = new XDocument(new XElement(Ns + "CreateHostedZoneRequest",
            new XElement(Ns + "Name", name + "."),
            new XElement(Ns + "CallerReference", Guid.NewGuid().ToString("N"))));
        using var response = await http.PostAsync("/2013-04-01/hostedzone", new StringContent(body.ToString(), Encoding.UTF8, "application/xml"));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        return XDocument.Parse(text).Root!.Element(Ns + "HostedZone")!.Element(Ns + "Id")!.Value.Replace("/hostedzone/", "", StringComparison.Ordinal);
    }
}

/// <summary>Record sets equal by name, type, TTL and values in any order (as Route 53 may list them).</summary>
internal sealed class RecordSetComparer : IEqualityComparer<ChangeMgmt.Core.Ports.DnsRecordSet>
{
    public bool Equals(ChangeMgmt.Core.Ports.DnsRecordSet? x, ChangeMgmt.Core.Ports.DnsRecordSet? y) =>
        x!.Name == y!.Name && x.Type == y.Type && x.Ttl == y.Ttl && x.Values.Order().SequenceEqual(y.Values.Order());

    public int GetHashCode(ChangeMgmt.Core.Ports.DnsRecordSet obj) => HashCode.Combine(obj.Name, obj.Type);
}
