using Amazon.Runtime;
using ChangeMgmt.Aws.Tests.Support;
using ChangeMgmt.Core.Administration;
using ChangeMgmt.Core.Resilience;

namespace ChangeMgmt.Aws.Tests.EndToEnd;

/// <summary>Test-ChangeMgmtConfig -Connectivity's check on AWS APIs: assume each customer's role, read its SES account.</summary>
[Collection(MotoCollection.Name)]
public sealed class ConnectivityThroughAwsTests(MotoServer moto) : AwsWorldTests(moto)
{
    [Fact]
    public async Task Every_customer_is_reached_through_its_own_role_with_its_quota_and_contact_list()
    {
        var check = new ConnectivityCheck(World.Adapters.SesAccounts);
        foreach (var customer in World.Config.Config.Customers)
        {
            var result = await check.RunAsync(customer, default);
            Assert.Equal(ConnectivityStatus.Reachable, result.Status);
            Assert.Equal(20, result.MaxSendRate);
            Assert.Equal(ContactListService.ConfiguredName(customer), result.ContactListName);
            Assert.Equal(customer.SesRoleArn, result.SesRoleArn);
        }
    }

    [Fact]
    public async Task A_role_that_cannot_be_assumed_is_reported_as_such_naming_the_role()
    {
        // STS unreachable (nothing listens there): assuming the role fails, SES is never asked.
        var deadSts = $"http://127.0.0.1:{FreePort()}";
        var endpoints = new AwsEndpoints(name => name switch
        {
            "AWS_ENDPOINT_URL_STS" => deadSts,
            "AWS_ENDPOINT_URL" => Moto.Endpoint.ToString().TrimEnd('/'),
            _ => null,
        });
        var settings = new AwsSettings("us-east-1", new BasicAWSCredentials("test", "test"), endpoints, TimeProvider.System,
            new ChangeMgmt.Core.Resilience.RetryPolicy(2, TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(5))) { CallerName = "changemgmt-e2e" };
        using var adapters = new AwsAdapters(World.Config, settings, sesHandlers: c => new SesGapsHandler(maxSendRate: 20, []));
        var acme = World.Config.Customer("acme");

        var result = await new ConnectivityCheck(adapters.SesAccounts).RunAsync(acme, default);

        Assert.Equal(ConnectivityStatus.RoleAssumptionFailed, result.Status);
        Assert.Contains(acme.SesRoleArn!, result.Message, StringComparison.Ordinal);
        Assert.Null(result.MaxSendRate);
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
