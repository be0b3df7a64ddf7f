using Amazon.Runtime;
using ChangeMgmt.Aws.Ses;
using ChangeMgmt.Core.Configuration;

namespace ChangeMgmt.Aws.Tests.Ses;

/// <summary>One account per configured customer, each signed with its own customer's SES role in its own region.</summary>
public sealed class AwsSesAccountProviderTests : IDisposable
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly SesStub ses = new();
    private readonly FixedCustomerRoles roles = new(c => new BasicAWSCredentials($"AKID{c.CustomerCode.ToUpperInvariant()}", "secret-" + c.CustomerCode));
    private readonly AwsSesAccountProvider provider;

    public AwsSesAccountProviderTests()
    {
        var config = SesTestCustomers.Config(SesTestCustomers.Customer("acme", "eu-west-1"), SesTestCustomers.Customer("globex", region: null));
        var settings = SesTestCustomers.Settings(ses.Endpoints) with { Region = "us-west-2" };
        provider = new AwsSesAccountProvider(config, roles, settings, SesTestCustomers.Unpaced);
        ses.On("GET", "/v2/email/account").RespondWith(SesStub.Json("""{"SendQuota":{"Max24HourSend":200.0,"MaxSendRate":1.0,"SentLast24Hours":0.0}}"""));
    }

    public void Dispose()
    {
        provider.Dispose();
        ses.Dispose();
    }

    [Fact]
    public async Task Each_account_signs_with_its_own_customers_role_and_region()
    {
        await provider.ForCustomer("acme").GetSendQuotaAsync(None);
        await provider.ForCustomer("globex").GetSendQuotaAsync(None);
        await provider.ForCustomer("acme").GetSendQuotaAsync(None);

        var credentials = ses.Requests.Select(r => SesStub.Header(r, "Authorization"))
            .Select(a => a.Split("Credential=")[1].Split(',')[0]).ToList();
        Assert.Equal(3, credentials.Count);
        Assert.Matches("^AKIDACME/[0-9]{8}/eu-west-1/ses/aws4_request$", credentials[0]);
        Assert.Matches("^AKIDGLOBEX/[0-9]{8}/us-west-2/ses/aws4_request$", credentials[1]);
        Assert.Matches("^AKIDACME/[0-9]{8}/eu-west-1/ses/aws4_request$", credentials[2]);
        Assert.Equal([("acme", CustomerRole.Ses), ("globex", CustomerRole.Ses)], roles.Requests);
    }

    [Fact]
    public void A_customer_keeps_one_account_so_its_pacer_is_shared()
    {
        var first = provider.ForCustomer("acme");

        Assert.Same(first, provider.ForCustomer("acme"));
        Assert.NotSame(first, provider.ForCustomer("globex"));
        Assert.Equal("acme", first.CustomerCode);
        Assert.Equal("globex", provider.ForCustomer("globex").CustomerCode);
    }

    [Fact]
    public void An_unknown_customer_is_refused_without_asking_for_credentials()
    {
        var error = Assert.Throws<UnknownCustomerException>(() => provider.ForCustomer("initech"));

        Assert.Equal("initech", error.CustomerCode);
        Assert.Contains("acme, globex", error.Message);
        Assert.Empty(roles.Requests);
    }
}
