using System.Xml.Linq;
using ChangeMgmt.Core.Dns;
using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Aws.Dns;

/// <summary>The Route 53 API's XML (2013-04-01): the change batch sent, and the answers and errors read.</summary>
internal static class Route53Xml
{
    public static readonly XNamespace Ns = "https://route53.amazonaws.com/doc/2013-04-01/";

    /// <summary>ChangeResourceRecordSetsRequest with one UPSERT per record set.</summary>
    public static XDocument UpsertBatch(IReadOnlyList<DnsRecordSet> sets, string comment) => new(
        new XElement(Ns + "ChangeResourceRecordSetsRequest",
            new XElement(Ns + "ChangeBatch",
                new XElement(Ns + "Comment", comment),
                new XElement(Ns + "Changes", sets.Select(set =>
                    new XElement(Ns + "Change",
                        new XElement(Ns + "Action", "UPSERT"),
                        new XElement(Ns + "ResourceRecordSet",
                            new XElement(Ns + "Name", set.Name + "."),
                            new XElement(Ns + "Type", set.Type),
                            new XElement(Ns + "TTL", set.Ttl),
                            new XElement(Ns + "ResourceRecords", set.Values.Select(v =>
                                new XElement(Ns + "ResourceRecord", new XElement(Ns + "Value", v)))))))))));

    /// <summary>GetHostedZone's zone name, without the trailing dot.</summary>
    public static string ZoneName(XDocument answer) =>
        DnsNames.Normalize(answer.Root?.Element(Ns + "HostedZone")?.Element(Ns + "Name")?.Value
            ?? throw new FormatException("GetHostedZone answered without HostedZone/Name."));

    /// <summary>One ListResourceRecordSets page: its record sets (alias records have no values), and where the next page starts.</summary>
    public static (IReadOnlyList<DnsRecordSet> Sets, (string Name, string Type, string? Identifier)? Next) RecordSetPage(XDocument answer)
    {
        var root = answer.Root ?? throw new FormatException("ListResourceRecordSets answered with an empty document.");
        var sets = root.Element(Ns + "ResourceRecordSets")?.Elements(Ns + "ResourceRecordSet").Select(RecordSet).ToList() ?? [];
        var truncated = string.Equals(root.Element(Ns + "IsTruncated")?.Value, "true", StringComparison.OrdinalIgnoreCase);
        return (sets, truncated
            ? (root.Element(Ns + "NextRecordName")!.Value, root.Element(Ns + "NextRecordType")!.Value, root.Element(Ns + "NextRecordIdentifier")?.Value)
            : null);
    }

    private static DnsRecordSet RecordSet(XElement set) => new(
        DnsNames.Normalize(set.Element(Ns + "Name")!.Value),
        set.Element(Ns + "Type")!.Value,
        int.TryParse(set.Element(Ns + "TTL")?.Value, out var ttl) ? ttl : 0,
        [.. set.Element(Ns + "ResourceRecords")?.Elements(Ns + "ResourceRecord").Select(r => r.Element(Ns + "Value")!.Value) ?? []]);

    /// <summary>ErrorResponse/Error's Code and Message, and RequestId; nulls where the body is not Route 53's error document.</summary>
    public static (string? Code, string? Message, string? RequestId) Error(string body)
    {
        try
        {
            var root = XDocument.Parse(body).Root;
            var error = root?.Element(Ns + "Error") ?? root?.Element("Error");
            return (error?.Element(Ns + "Code")?.Value ?? error?.Element("Code")?.Value,
                error?.Element(Ns + "Message")?.Value ?? error?.Element("Message")?.Value,
                root?.Element(Ns + "RequestId")?.Value ?? root?.Element("RequestId")?.Value);
        }
        catch (System.Xml.XmlException)
        {
            return (null, null, null);
        }
    }
}
