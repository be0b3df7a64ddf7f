using System.Net;
using System.Text;
using System.Text.Json;

namespace ChangeMgmt.Aws.Tests.EndToEnd;

/// <summary>
/// moto 5.2.1 implements neither SES v2 GetAccount nor the account suppression list. This handler
/// answers exactly those two operations, in the shapes of the SES v2 API reference, for one
/// customer account, and passes every other request on to moto.
/// </summary>
public sealed class SesGapsHandler(double maxSendRate, IReadOnlyList<string> suppressed) : DelegatingHandler(new SocketsHttpHandler())
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        var path = request.RequestUri!.AbsolutePath;
        if (request.Method == HttpMethod.Get && path == "/v2/email/account")
            return Json(new
            {
                DedicatedIpAutoWarmupEnabled = false,
                EnforcementStatus = "HEALTHY",
                ProductionAccessEnabled = true,
                SendQuota = new { Max24HourSend = 50000.0, MaxSendRate = maxSendRate, SentLast24Hours = 0.0 },
                SendingEnabled = true,
                SuppressionAttributes = new { SuppressedReasons = new[] { "BOUNCE", "COMPLAINT" } },
            });
        if (request.Method == HttpMethod.Get && path == "/v2/email/suppression/addresses")
            return Json(new
            {
                SuppressedDestinationSummaries = suppressed.Select(address => new { EmailAddress = address, Reason = "BOUNCE", LastUpdateTime = 1764000000.0 }),
            });
        return base.SendAsync(request, ct);
    }

    private static Task<HttpResponseMessage> Json(object body) => Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK)
    {
        Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json"),
    });
}
