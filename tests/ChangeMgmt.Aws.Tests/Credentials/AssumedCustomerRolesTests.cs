using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using ChangeMgmt.Aws.Credentials;
using ChangeMgmt.Aws.Tests.Support;
using ChangeMgmt.Core.Configuration;

namespace ChangeMgmt.Aws.Tests.Credentials;

[Collection(MotoCollection.Name)]
public sealed class AssumedCustomerRolesTests(MotoServer moto)
{
    private static readonly CustomerConfig Acme = new()
    {
        CustomerCode = "acme",
        SesRoleArn = "arn:aws:iam::111111111111:role/changemgmt-ses",
        IdentityCenterRoleArn = "arn:aws:iam::111111111111:role/changemgmt-identity",
        ExternalId = "acme-external",
    };

    private static readonly CustomerConfig Globex = new()
    {
        CustomerCode = "globex",
        SesRoleArn = "arn:aws:iam::222222222222:role/changemgmt-ses",
    };

    [Fact]
    public async Task The_role_is_assumed_into_the_customer_account_with_a_session_naming_caller_and_customer()
    {
        using var roles = new AssumedCustomerRoles(MotoSettings.For(moto));

        var identity = await CallerIdentityAsync(roles.For(Acme, CustomerRole.Ses));

        Assert.Equal("111111111111", identity.Account);
        Assert.EndsWith(":assumed-role/changemgmt-ses/changemgmt-test-acme", identity.Arn, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_customer_gets_its_own_credentials_in_its_own_account()
    {
        using var roles = new AssumedCustomerRoles(MotoSettings.For(moto));

        var acme = await roles.For(Acme, CustomerRole.Ses).GetCredentialsAsync();
        var globex = await roles.For(Globex, CustomerRole.Ses).GetCredentialsAsync();

        Assert.NotEqual(acme.AccessKey, globex.AccessKey);
        Assert.Equal("222222222222", (await CallerIdentityAsync(roles.For(Globex, CustomerRole.Ses))).Account);
    }

    [Fact]
    public async Task The_cache_is_keyed_by_customer_and_role_so_one_customer_never_gets_anothers()
    {
        using var roles = new AssumedCustomerRoles(MotoSettings.For(moto));
        // Even a globex entry that (wrongly) names acme's role gets a session of its own, named for globex.
        var misconfigured = Globex with { SesRoleArn = Acme.SesRoleArn };

        var acmeSes = roles.Assumed(Acme, CustomerRole.Ses);
        var acmeIdentity = roles.Assumed(Acme, CustomerRole.IdentityCenter);
        var globexSes = roles.Assumed(Globex, CustomerRole.Ses);
        var globexWithAcmeArn = roles.Assumed(misconfigured, CustomerRole.Ses);

        Assert.Same(acmeSes, roles.Assumed(Acme, CustomerRole.Ses));
        Assert.NotSame(acmeSes, acmeIdentity);
        Assert.NotSame(acmeSes, globexSes);
        Assert.NotSame(acmeSes, globexWithAcmeArn);
        Assert.Equal(Acme.IdentityCenterRoleArn, acmeIdentity.Role.RoleArn);
        Assert.Equal(Globex.SesRoleArn, globexSes.Role.RoleArn);
        Assert.Equal("changemgmt-test-globex", globexWithAcmeArn.Role.SessionName);
        Assert.Null(globexWithAcmeArn.Role.ExternalId);
        Assert.NotEqual((await acmeSes.GetCredentialsAsync()).AccessKey, (await globexWithAcmeArn.GetCredentialsAsync()).AccessKey);
    }

    [Fact]
    public void A_customer_without_the_role_arn_is_a_configuration_error_naming_customer_and_field()
    {
        using var roles = new AssumedCustomerRoles(MotoSettings.For(moto));

        var error = Assert.Throws<ConfigException>(() => roles.For(Globex, CustomerRole.IdentityCenter));

        var problem = Assert.Single(error.Problems);
        Assert.Equal("customer_mappings.globex.identity_center_role_arn", problem.Path);
        Assert.Contains("globex", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Credentials_are_kept_until_five_minutes_before_expiry_then_assumed_again()
    {
        var time = new ManualTime(DateTimeOffset.UtcNow);
        using var roles = new AssumedCustomerRoles(MotoSettings.For(moto, time));
        var credentials = roles.Assumed(Acme, CustomerRole.Ses);

        var first = await credentials.GetCredentialsAsync();
        var expiration = new DateTimeOffset(credentials.Expiration!.Value, TimeSpan.Zero);
        Assert.InRange(expiration - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(10), TimeSpan.FromHours(13));

        time.Set(expiration - TimeSpan.FromMinutes(6));
        Assert.Equal(first.AccessKey, (await credentials.GetCredentialsAsync()).AccessKey);

        time.Set(expiration - TimeSpan.FromMinutes(4));
        var second = await credentials.GetCredentialsAsync();
        Assert.NotEqual(first.AccessKey, second.AccessKey);

        // moto dates the new credentials by its own (real) clock: back at real time they are fresh.
        time.Set(DateTimeOffset.UtcNow);
        Assert.Equal(second.AccessKey, credentials.GetCredentials().AccessKey);
    }

    private async Task<GetCallerIdentityResponse> CallerIdentityAsync(Amazon.Runtime.AWSCredentials credentials)
    {
        using var sts = new AmazonSecurityTokenServiceClient(credentials,
            AwsClientConfigs.For(new AmazonSecurityTokenServiceConfig(), MotoSettings.For(moto), AwsService.Sts, MotoSettings.Region));
        return await sts.GetCallerIdentityAsync(new GetCallerIdentityRequest());
    }
}
