using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ChangeMgmt.Aws.Tests.EndToEnd;

/// <summary>
/// What moto lacks for account setup, in the SES v2 API reference's shapes, over one account's state:
/// GetAccount, PutAccountSuppressionAttributes, PutAccountDetails, PutEmailIdentityMailFromAttributes,
/// PutEmailIdentityDkimSigningAttributes, and on GetEmailIdentity (answered by moto) the MAIL FROM
/// attributes and the verification moto never reaches (<see cref="DnsPublished"/>: SES found the records).
/// Everything else, and every request's body, goes to moto; each request is recorded.
/// </summary>
public sealed class SesSetupGapsHandler : DelegatingHandler
{
    public SesSetupGapsHandler() : base(new SocketsHttpHandler()) { }

    public bool ProductionAccess { get; set; }
    public bool DnsPublished { get; set; }
    public List<string> SuppressedReasons { get; } = [];
    public ConcurrentQueue<(string Method, string Path, string? Body)> Requests { get; } = new();
    private readonly ConcurrentDictionary<string, JsonObject> mailFrom = new();

    public IEnumerable<(string Method, string Path, string? Body)> Writes => Requests.Where(r => r.Method != "GET");

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        var path = request.RequestUri!.AbsolutePath;
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(ct);
        Requests.Enqueue((request.Method.Method, path, body));
        var json = body is null ? null : JsonNode.Parse(body);
        switch (request.Method.Method, path)
        {
            case ("GET", "/v2/email/account"):
                return Json(new JsonObject
                {
                    ["EnforcementStatus"] = "HEALTHY",
                    ["ProductionAccessEnabled"] = ProductionAccess,
                    ["SendingEnabled"] = true,
                    ["SendQuota"] = new JsonObject { ["Max24HourSend"] = ProductionAccess ? 50000.0 : 200.0, ["MaxSendRate"] = ProductionAccess ? 14.0 : 1.0, ["SentLast24Hours"] = 3.0 },
                    ["SuppressionAttributes"] = new JsonObject { ["SuppressedReasons"] = new JsonArray([.. SuppressedReasons.Select(r => JsonValue.Create(r))]) },
                });
            case ("PUT", "/v2/email/account/suppression"):
                SuppressedReasons.Clear();
                SuppressedReasons.AddRange(json!["SuppressedReasons"]!.AsArray().Select(r => (string)r!));
                return Json(new JsonObject());
            case ("POST", "/v2/email/account/details"):
                ProductionAccess = (bool)json!["ProductionAccessEnabled"]!;
                return Json(new JsonObject());
        }
        if (request.Method == HttpMethod.Put && path.EndsWith("/mail-from", StringComparison.Ordinal))
        {
            mailFrom[Identity(path)] = new JsonObject
            {
                ["MailFromDomain"] = (string?)json!["MailFromDomain"],
                ["MailFromDomainStatus"] = "PENDING",
                ["BehaviorOnMxFailure"] = (string?)json["BehaviorOnMxFailure"],
            };
            return Json(new JsonObject());
        }
        if (request.Method == HttpMethod.Put && path.EndsWith("/dkim/signing", StringComparison.Ordinal))
            return Json(new JsonObject { ["DkimStatus"] = "PENDING", ["DkimTokens"] = new JsonArray("t1", "t2", "t3") });
        var response = await base.SendAsync(request, ct);
        if (request.Method == HttpMethod.Get && path.StartsWith("/v2/email/identities/", StringComparison.Ordinal) && response.IsSuccessStatusCode)
            return Json(WithGaps(Identity(path), JsonNode.Parse(await response.Content.ReadAsStringAsync(ct))!.AsObject()));
        return response;
    }

    private JsonObject WithGaps(string identity, JsonObject answer)
    {
        answer["VerifiedForSendingStatus"] = DnsPublished;
        answer["VerificationStatus"] = DnsPublished ? "SUCCESS" : "PENDING";
        answer["DkimAttributes"]!["Status"] = DnsPublished ? "SUCCESS" : "PENDING";
        answer["DkimAttributes"]!["Tokens"] = new JsonArray("t1", "t2", "t3");
        if (mailFrom.TryGetValue(identity, out var attributes))
        {
            attributes["MailFromDomainStatus"] = DnsPublished ? "SUCCESS" : "PENDING";
            answer["MailFromAttributes"] = attributes.DeepClone();
        }
        return answer;
    }

    private static string Identity(string path) => Uri.UnescapeDataString(path.Split('/')[4]);

    private static HttpResponseMessage Json(JsonNode body) => new(HttpStatusCode.OK)
    {
        Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
    };
}
