using ChangeMgmt.Aws.Identity;
using ChangeMgmt.Core.Configuration;
using ChangeMgmt.Core.Ports;
using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace ChangeMgmt.Aws.Tests.Identity;

/// <summary>SSO Admin ListInstances on the wire: signed for <c>sso</c>, paged by NextToken (moto answers one page only).</summary>
public sealed class IdentityCenterInstancesWireMockTests : IDisposable
{
    private readonly WireMockServer server = WireMockServer.Start();
    private readonly RecordingHandler handler = new();

    [Fact]
    public async Task ListInstances_is_signed_for_sso_and_follows_NextToken()
    {
        var request = Request.Create().WithPath("/").UsingPost()
            .WithHeader("X-Amz-Target", "SWBExternalService.ListInstances")
            .WithHeader("Content-Type", "application/x-amz-json-1.1")
            .WithHeader("Authorization", "AWS4-HMAC-SHA256 Credential=test/*/eu-west-1/sso/aws4_request*");
        server.Given(request.WithBody(new JsonMatcher("""{"MaxResults":100}""")))
            .RespondWith(Response.Create().WithStatusCode(200).WithBody("""{"Instances":[],"NextToken":"t2"}"""));
        server.Given(Request.Create().WithPath("/").UsingPost().WithHeader("X-Amz-Target", "SWBExternalService.ListInstances")
                .WithBody(new JsonMatcher("""{"MaxResults":100,"NextToken":"t2"}""")))
            .RespondWith(Response.Create().WithStatusCode(200).WithBody(
                """{"Instances":[{"InstanceArn":"arn:aws:sso:::instance/ssoins-1234567890abcdef","IdentityStoreId":"d-1234567890","OwnerAccountId":"111122223333","Name":"acme","Status":"ACTIVE","CreatedDate":1.7E9}]}"""));
        var customer = new CustomerConfig { CustomerCode = "acme", Region = "eu-west-1" };
        using var instances = new AwsIdentityCenterInstances(customer, new FixedCustomerRoles(IdentityTestSupport.Credentials),
            IdentityTestSupport.Settings(IdentityTestSupport.At(server.Url!)), new IdentityDirectoryOptions { Handler = handler });

        var all = await instances.AllInstancesAsync(CancellationToken.None).ToListAsync();

        Assert.Equal([new IdentityCenterInstance("arn:aws:sso:::instance/ssoins-1234567890abcdef", "d-1234567890", "acme", "111122223333", "ACTIVE")], all);
        Assert.Equal(2, handler.Count);
    }

    public void Dispose() => server.Stop();
}
