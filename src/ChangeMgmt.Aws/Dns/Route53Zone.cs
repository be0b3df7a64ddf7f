using System.Text;
using System.Xml.Linq;
using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Signing;
using ChangeMgmt.Aws.Credentials;
using ChangeMgmt.Core.Configuration;
using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Aws.Dns;

/// <summary>
/// The hosted zone of route53_config over Route 53's REST-XML API (no SDK package here), signed
/// (SigV4, service route53, us-east-1) with the role of route53_config.role_arn, else the caller's
/// credentials; every call retried by <see cref="AwsRetry"/> (Throttling, PriorRequestNotComplete, 5xx).
/// </summary>
public sealed class Route53Zone : IDnsZone, IDisposable
{
    public const string SigningRegion = "us-east-1";
    public const int MaxPageSize = 300;
    private const string ApiVersion = "/2013-04-01";

    private readonly HttpClient http;
    private readonly AwsSettings settings;
    private readonly int pageSize;
    private readonly IDisposable? owned;

    public Route53Zone(string zoneId, AWSCredentials credentials, AwsSettings settings, HttpMessageHandler? inner = null, int pageSize = MaxPageSize, IDisposable? owned = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(pageSize, MaxPageSize);
        ZoneId = zoneId;
        this.settings = settings;
        this.pageSize = pageSize;
        this.owned = owned;
        HttpMessageHandler signer = new SigV4SigningHandler(credentials, RegionEndpoint.USEast1, "route53", inner ?? new SocketsHttpHandler());
        http = new HttpClient(new CallLogHandler(settings.Log, null, signer)) { BaseAddress = settings.Endpoints.For(AwsService.Route53, SigningRegion), Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>The zone of <paramref name="config"/>, through its role (assumed with the caller's credentials) when it names one.</summary>
    public static Route53Zone Open(Route53Config config, AwsSettings settings, HttpMessageHandler? inner = null, int pageSize = MaxPageSize)
    {
        var zoneId = config.HostedZoneId ?? throw new InvalidOperationException("route53_config has no zone_id.");
        if (string.IsNullOrWhiteSpace(config.RoleArn)) return new Route53Zone(zoneId, settings.Credentials, settings, inner, pageSize);
        var roles = new AssumedCustomerRoles(settings);
        return new Route53Zone(zoneId, roles.Shared(CustomerRole.Route53, config.RoleArn), settings, inner, pageSize, roles);
    }

    public string ZoneId { get; }

    private string ZonePath => $"{ApiVersion}/hostedzone/{Uri.EscapeDataString(ZoneId)}";

    public async Task<string> GetNameAsync(CancellationToken ct) =>
        Route53Xml.ZoneName(await CallAsync(HttpMethod.Get, ZonePath, null, ct));

    public async Task<IReadOnlyList<DnsRecordSet>> ListRecordSetsAsync(CancellationToken ct)
    {
        var all = new List<DnsRecordSet>();
        (string Name, string Type, string? Identifier)? start = null;
        do
        {
            var query = $"?maxitems={pageSize}" + (start is { } s
                ? $"&name={Uri.EscapeDataString(s.Name)}&type={Uri.EscapeDataString(s.Type)}" + (s.Identifier is null ? "" : $"&identifier={Uri.EscapeDataString(s.Identifier)}")
                : "");
            var (sets, next) = Route53Xml.RecordSetPage(await CallAsync(HttpMethod.Get, $"{ZonePath}/rrset{query}", null, ct));
            all.AddRange(sets);
            start = next;
        } while (start is not null);
        return all;
    }

    public async Task UpsertAsync(IReadOnlyList<DnsRecordSet> recordSets, CancellationToken ct)
    {
        if (recordSets.Count == 0) return;
        await CallAsync(HttpMethod.Post, $"{ZonePath}/rrset/", Route53Xml.UpsertBatch(recordSets, "ChangeMgmt: SES DNS records (Get-SesDnsRecord -Apply)"), ct);
    }

    private Task<XDocument> CallAsync(HttpMethod method, string pathAndQuery, XDocument? body, CancellationToken ct) =>
        AwsRetry.RunAsync(async () =>
        {
            using var request = new HttpRequestMessage(method, pathAndQuery);
            if (body is not null) request.Content = new StringContent(body.ToString(SaveOptions.DisableFormatting), Encoding.UTF8, "application/xml");
            using var response = await http.SendAsync(request, ct);
            var text = await response.Content.ReadAsStringAsync(ct);
            if (!response.IsSuccessStatusCode) throw Route53Errors.From(response, text, $"{method} {request.RequestUri?.AbsolutePath}");
            return XDocument.Parse(text);
        }, settings.Retry, settings.Time, ct);

    public void Dispose()
    {
        http.Dispose();
        owned?.Dispose();
    }
}
