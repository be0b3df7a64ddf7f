using ChangeMgmt.Aws.Identity;
using ChangeMgmt.Core.Configuration;
using ChangeMgmt.Core.Identity;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace ChangeMgmt.Aws.Tests.Identity;

/// <summary>Identity store detection through the SSO Admin adapter when the account has two instances (moto makes one only).</summary>
public sealed class ImportInstanceDetectionWireMockTests : IDisposable
{
    private readonly WireMockServer server = WireMockServer.Start();

    [Fact]
    public async Task Two_instances_are_an_error_that_names_both_identity_stores()
    {
        server.Given(Request.Create().WithPath("/").UsingPost().WithHeader("X-Amz-Target", "SWBExternalService.ListInstances"))
            .RespondWith(Response.Create().WithStatusCode(200).WithBody(
                """
                {"Instances":[
                  {"InstanceArn":"arn:aws:sso:::instance/ssoins-1111111111111111","IdentityStoreId":"d-1111111111","Name":"org","Status":"ACTIVE"},
                  {"InstanceArn":"arn:aws:sso:::instance/ssoins-2222222222222222","IdentityStoreId":"d-2222222222","Name":"account","Status":"ACTIVE"}]}
                """));
        var customer = new CustomerConfig { CustomerCode = "acme", Region = "eu-west-1" };
        using var instances = new AwsIdentityCenterInstances(customer, new FixedCustomerRoles(IdentityTestSupport.Credentials),
            IdentityTestSupport.Settings(IdentityTestSupport.At(server.Url!)));

        var error = await Assert.ThrowsAsync<IdentityStoreNotFoundException>(() =>
            IdentityStoreLocator.LocateAsync(null, null, "acme", instances, CancellationToken.None));

        Assert.Contains("d-1111111111 (arn:aws:sso:::instance/ssoins-1111111111111111, org)", error.Message, StringComparison.Ordinal);
        Assert.Contains("d-2222222222", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => server.Stop();
}
