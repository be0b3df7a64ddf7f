using System.Net;
using DnsClient;
using DnsClient.Protocol;
using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Aws.Dns;

/// <summary>
/// CNAME, MX and TXT queries to the system's DNS servers (/etc/resolv.conf, the adapters' settings) or
/// to the servers given. No answer, a server failure or a refusal is Unreachable (the check says
/// Unknown); NXDOMAIN or an empty answer is NoRecords.
/// </summary>
public sealed class SystemDnsResolver : IDnsResolver
{
    private readonly LookupClient client;

    public SystemDnsResolver(IReadOnlyList<IPEndPoint>? servers = null, TimeSpan? timeout = null, int retries = 1)
    {
        var options = servers is { Count: > 0 } ? new LookupClientOptions([.. servers.Select(s => new NameServer(s))]) : new LookupClientOptions();
        options.UseCache = false;
        options.Timeout = timeout ?? TimeSpan.FromSeconds(3);
        options.Retries = retries;
        options.ThrowDnsErrors = false;
        options.ContinueOnDnsError = false;
        client = new LookupClient(options);
    }

    public async Task<DnsLookup> QueryAsync(string name, string type, CancellationToken ct)
    {
        var queryType = Enum.Parse<QueryType>(type, ignoreCase: true);
        IDnsQueryResponse response;
        try
        {
            response = await client.QueryAsync(name, queryType, QueryClass.IN, ct);
        }
        catch (DnsResponseException ex)
        {
            return DnsLookup.Unreachable(ex.Message);
        }
        if (response.Header.ResponseCode == DnsHeaderResponseCode.NotExistentDomain) return new(DnsLookupStatus.NoRecords, []);
        if (response.HasError) return DnsLookup.Unreachable($"{response.NameServer}: {response.ErrorMessage}");
        var values = Values(response.Answers, queryType);
        return new(values.Count == 0 ? DnsLookupStatus.NoRecords : DnsLookupStatus.Found, values);
    }

    private static IReadOnlyList<string> Values(IReadOnlyList<DnsResourceRecord> answers, QueryType type) => type switch
    {
        QueryType.CNAME => [.. answers.CnameRecords().Select(r => Host(r.CanonicalName))],
        QueryType.MX => [.. answers.MxRecords().Select(r => $"{r.Preference} {Host(r.Exchange)}")],
        QueryType.TXT => [.. answers.TxtRecords().Select(r => string.Concat(r.Text))],
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "CNAME, MX or TXT"),
    };

    private static string Host(DnsString name) => name.Value.TrimEnd('.');
}
