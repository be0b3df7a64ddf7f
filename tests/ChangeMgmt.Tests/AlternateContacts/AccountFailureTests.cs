using ChangeMgmt.Core.AlternateContacts;
using ChangeMgmt.Core.Configuration;

namespace ChangeMgmt.Tests.AlternateContacts;

/// <summary>
/// What moto cannot produce: the Account API refusing one member account (AccessDenied, e.g. an SCP). An in-memory
/// organization stands in for the two ports; the failure names the account, the role and the action, and the others go on.
/// </summary>
public sealed class AccountFailureTests : IDisposable
{
    private const string Role = "arn:aws:iam::210000000001:role/changemgmt-organization";
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public async Task One_refused_account_is_reported_with_its_action_and_the_rest_are_set()
    {
        var organization = new InMemoryOrganization("210000000001", ["210000000002", "210000000003"]) { Refused = "210000000003" };
        var customer = new CustomerConfig { CustomerCode = "acme", OrganizationRoleArn = Role };
        var config = new ChangeMgmtConfig
        {
            CustomerMappings = new() { ["acme"] = customer },
            ContactConfig = new() { SecurityEmail = "soc@msp.example", SecurityName = "MSP SOC", SecurityTitle = "SOC", SecurityPhone = "+14155550100" },
        };
        var service = new AlternateContactService(organization, config, [], TimeProvider.System);

        var plan = await service.PlanSetAsync([customer], AlternateContactFilter.All, overwrite: false, desired: null, CancellationToken.None);
        organization.RefuseWrites = true;
        var applied = await service.ApplyAsync(plan, temp.Path, null, null, CancellationToken.None);

        Assert.Equal(["210000000001", "210000000002"], applied.Outcomes.Where(o => o.Succeeded).Select(o => o.Change.Before.AccountId).Order());
        var failure = Assert.Single(applied.Outcomes, o => !o.Succeeded).Failure!;
        Assert.Equal("210000000003", failure.AccountId);
        Assert.Contains(Role, failure.Message);
        Assert.Contains("account:PutAlternateContact", failure.Fix);
        Assert.Equal([null, "210000000002"], organization.Written.Order());
    }
}
