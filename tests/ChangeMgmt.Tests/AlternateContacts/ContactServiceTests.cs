using ChangeMgmt.Core.AlternateContacts;
using ChangeMgmt.Core.Configuration;
using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Tests.AlternateContacts;

/// <summary>What the cmdlets and the portal rely on beyond the moto tests: progress per account, and a customer with nothing to set.</summary>
public sealed class ContactServiceTests
{
    private const string Role = "arn:aws:iam::210000000001:role/changemgmt-organization";
    private static readonly CustomerConfig Acme = new() { CustomerCode = "acme", OrganizationRoleArn = Role };

    [Fact]
    public async Task A_customer_without_configured_contacts_is_a_failure_with_the_fix_and_its_organization_is_not_read()
    {
        var organization = new InMemoryOrganization("210000000001", ["210000000002"]);
        var service = new AlternateContactService(organization, new ChangeMgmtConfig { CustomerMappings = new() { ["acme"] = Acme } }, [], TimeProvider.System);

        var plan = await service.PlanSetAsync([Acme], AlternateContactFilter.All, overwrite: false, desired: null, CancellationToken.None);

        Assert.Empty(plan.Changes);
        var failure = Assert.Single(plan.Failures);
        Assert.Equal(("acme", null), (failure.CustomerCode, failure.AccountId));
        Assert.Contains("customer_mappings.acme", failure.Fix);
        Assert.Equal(0, organization.Listings);
    }

    [Fact]
    public async Task Reading_reports_each_account_read_out_of_those_the_filter_covers()
    {
        var organization = new InMemoryOrganization("210000000001", ["210000000002", "210000000003"]);
        var reports = new List<AccountsRead>();
        var service = new AlternateContactService(organization, new ChangeMgmtConfig { CustomerMappings = new() { ["acme"] = Acme } }, [], TimeProvider.System)
        {
            ReadProgress = new Recorder(reports),
        };

        await service.GetAsync([Acme], new AlternateContactFilter(["*3", "210000000001"]), CancellationToken.None);

        Assert.Equal([(0, 2, null), (1, 2, "210000000001"), (2, 2, "210000000003")], reports.Select(r => (r.Done, r.Total, r.LastAccountId)));
        Assert.All(reports, r => Assert.Equal("acme", r.CustomerCode));
    }

    private sealed class Recorder(List<AccountsRead> reports) : IProgress<AccountsRead>
    {
        public void Report(AccountsRead value) => reports.Add(value);
    }

    [Fact]
    public async Task The_servers_read_only_service_reaches_the_organization_through_the_reader_role_and_refuses_to_write()
    {
        const string Reader = "arn:aws:iam::210000000001:role/changemgmt-organization-reader";
        var customer = Acme with { OrganizationReaderRoleArn = Reader };
        var organizations = new RecordingProvider(new InMemoryOrganization("210000000001", ["210000000002"]));
        var config = new ChangeMgmtConfig { CustomerMappings = new() { ["acme"] = customer }, ContactConfig = new() { SecurityEmail = "soc@msp.example", SecurityName = "SOC", SecurityTitle = "SOC", SecurityPhone = "+14155550100" } };
        var reading = new AlternateContactService(organizations, config, [], TimeProvider.System) { ReadsOnly = true };
        var writing = new AlternateContactService(organizations, config, [], TimeProvider.System);

        var step = await reading.CheckStepAsync(customer, null, DateTimeOffset.MaxValue, CancellationToken.None);
        var plan = await writing.PlanSetAsync([customer], AlternateContactFilter.All, overwrite: false, desired: null, CancellationToken.None);

        Assert.Equal(2, step.Drift!.Customers.Single().Drifted);
        Assert.Equal([(Reader, "organization_reader_role_arn"), (Role, "organization_role_arn")], organizations.Roles);
        await Assert.ThrowsAsync<InvalidOperationException>(() => reading.ApplyAsync(plan, Path.GetTempPath(), null, null, CancellationToken.None));
    }

    private sealed class RecordingProvider(IOrganizationProvider inner) : IOrganizationProvider
    {
        public List<(string? RoleArn, string? RoleField)> Roles { get; } = [];

        public CustomerOrganization For(CustomerConfig customer, OrganizationConfig organization)
        {
            Roles.Add((organization.RoleArn, organization.RoleField));
            return inner.For(customer, organization);
        }
    }
}
