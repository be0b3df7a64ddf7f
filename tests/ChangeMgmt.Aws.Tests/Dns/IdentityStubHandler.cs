using System.Net;
using System.Text;
using System.Text.Json;

namespace ChangeMgmt.Aws.Tests.Dns;

/// <summary>
/// moto 5.2.1's SES v2 GetEmailIdentity answers no DKIM tokens and no MAIL FROM: this handler answers
/// GetEmailIdentity for one domain in the SES v2 API reference's shape, and passes the rest to moto.
/// </summary>
public sealed class IdentityStubHandler(string domain, params string[] tokens) : DelegatingHandler(new SocketsHttpHandler())
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        if (request.Method != HttpMethod.Get || request.RequestUri!.AbsolutePath != $"/v2/email/identities/{domain}")
            return base.SendAsync(request, ct);
        var body = new
        {
            IdentityType = "DOMAIN",
            FeedbackForwardingStatus = true,
            VerifiedForSendingStatus = false,
            DkimAttributes = new
            {
                SigningEnabled = true, Status = "PENDING", Tokens = tokens, SigningAttributesOrigin = "AWS_SES",
                NextSigningKeyLength = "RSA_2048_BIT", CurrentSigningKeyLength = "RSA_2048_BIT", LastKeyGenerationTimestamp = 1764000000.0,
            },
            MailFromAttributes = new { MailFromDomain = $"bounce.{domain}", MailFromDomainStatus = "PENDING", BehaviorOnMxFailure = "USE_DEFAULT_VALUE" },
            Policies = new { },
            Tags = Array.Empty<object>(),
            ConfigurationSetName = "changemgmt",
            VerificationStatus = "PENDING",
            VerificationInfo = new { },
        };
        return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json"),
        });
    }
}
