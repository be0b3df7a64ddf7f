using ChangeMgmt.Aws.Organizations;
using ChangeMgmt.Aws.Tests.Credentials;
using ChangeMgmt.Aws.Tests.Support;
using ChangeMgmt.Core.AlternateContacts;
using ChangeMgmt.Core.Configuration;

namespace ChangeMgmt.Aws.Tests.Organizations;

/// <summary>
/// The alternate contacts service over the Organizations and Account adapters against moto: two customer
/// organizations (acme, globex) of a management account and three member accounts each.
/// </summary>
[Collection(MotoCollection.Name)]
public sealed class AlternateContactsMotoTests(MotoServer moto) : IAsyncLifetime
{
    private const string AcmeManagement = "111100000001", GlobexManagement = "222200000001";

    private static readonly ContactConfig Contacts = new()
    {
        SecurityEmail = "soc@msp.example", SecurityName = "MSP SOC", SecurityTitle = "Security Operations", SecurityPhone = "+14155550100",
        BillingEmail = "billing@msp.example", BillingName = "MSP Billing", BillingTitle = "Accounts", BillingPhone = "+14155550101",
        OperationsEmail = "noc@msp.example", OperationsName = "MSP NOC", OperationsTitle = "Operations", OperationsPhone = "+14155550102",
    };

    private readonly TempDirectory backups = new();
    private OrganizationSeed acme = null!, globex = null!;
    private AwsOrganizationProvider provider = null!;

    public async Task InitializeAsync()
    {
        await moto.ResetAsync();
        acme = await new OrganizationSeed(moto, "acme", AcmeManagement).CreateAsync(members: 3);
        globex = await new OrganizationSeed(moto, "globex", GlobexManagement).CreateAsync(members: 3);
        provider = new AwsOrganizationProvider(MotoSettings.For(moto), new OrganizationOptions { ReadsPerSecond = 1000, WritesPerSecond = 1000 });
    }

    public Task DisposeAsync()
    {
        provider.Dispose();
        acme.Dispose();
        globex.Dispose();
        backups.Dispose();
        return Task.CompletedTask;
    }

    private AlternateContactService Service(params CustomerConfig[] customers) => new(provider, new ChangeMgmtConfig
    {
        ContactConfig = Contacts,
        CustomerMappings = customers.ToDictionary(c => c.CustomerCode, StringComparer.Ordinal),
    }, [], TimeProvider.System);

    private AlternateContactService Both => Service(acme.Customer, globex.Customer);
    private CustomerConfig[] Customers => [acme.Customer, globex.Customer];

    [Fact]
    public async Task Get_reads_every_active_account_of_both_organizations_with_the_management_account_marked()
    {
        await acme.PutContactAsync(null, "SECURITY", "Acme Own SOC", "soc@acme.example");

        var reading = await Both.GetAsync(Customers, AlternateContactFilter.All, CancellationToken.None);

        Assert.Empty(reading.Failures);
        Assert.Equal(2 * 4 * 3, reading.Contacts.Count);
        var management = reading.Contacts.Single(c => c.CustomerCode == "acme" && c.IsManagementAccount && c.Type == AlternateContactType.Security);
        Assert.Equal((AcmeManagement, "Acme Own SOC", "soc@acme.example"), (management.AccountId, management.Name, management.Email));
        Assert.Equal(globex.MemberAccountIds.Append(GlobexManagement).Order(), reading.Contacts.Where(c => c.CustomerCode == "globex").Select(c => c.AccountId).Distinct().Order());
        Assert.All(reading.Contacts.Where(c => c != management), c => Assert.Null(c.Contact));
    }

    [Fact]
    public async Task Accounts_are_read_through_every_ListAccounts_page_and_filtered_by_id_with_wildcards()
    {
        using var onePerPage = new AwsOrganizationProvider(MotoSettings.For(moto), new OrganizationOptions { ReadsPerSecond = 1000, PageSize = 1 });
        var service = new AlternateContactService(onePerPage, new ChangeMgmtConfig { CustomerMappings = new() { ["acme"] = acme.Customer } }, [], TimeProvider.System);

        var all = await service.GetAsync([acme.Customer], new AlternateContactFilter(Types: [AlternateContactType.Operations]), CancellationToken.None);
        var one = await service.GetAsync([acme.Customer], new AlternateContactFilter([acme.MemberAccountIds[1][..6] + "*", "nomatch"]), CancellationToken.None);

        Assert.Equal(acme.MemberAccountIds.Append(AcmeManagement).Order(), all.Contacts.Select(c => c.AccountId).Order());
        Assert.Contains(acme.MemberAccountIds[1], one.Contacts.Select(c => c.AccountId));
    }

    [Fact]
    public async Task Requests_are_signed_for_each_service_in_us_east_1_and_the_management_account_is_sent_without_AccountId()
    {
        var recording = new Identity.RecordingHandler();
        using var recorded = new AwsOrganizationProvider(MotoSettings.For(moto), new OrganizationOptions { ReadsPerSecond = 1000, WritesPerSecond = 1000, Handler = recording });
        var service = new AlternateContactService(recorded, new ChangeMgmtConfig { ContactConfig = Contacts, CustomerMappings = new() { ["acme"] = acme.Customer } }, [], TimeProvider.System);

        await service.ApplyAsync(await service.PlanSetAsync([acme.Customer], new AlternateContactFilter(Types: [AlternateContactType.Security]), false, null, CancellationToken.None),
            backups.Path, null, null, CancellationToken.None);

        var sent = recording.Sent.ToList();
        var organizations = sent.Where(r => r.Headers.ContainsKey("X-Amz-Target")).ToList();
        var account = sent.Except(organizations).ToList();
        Assert.Contains(organizations, r => r.Headers["X-Amz-Target"] == "AWSOrganizationsV20161128.ListAccounts");
        Assert.All(organizations, r => Assert.Contains("/us-east-1/organizations/aws4_request", r.Headers["Authorization"]));
        Assert.All(account, r => Assert.Contains("/us-east-1/account/aws4_request", r.Headers["Authorization"]));
        Assert.Equal(2, account.Count(r => !r.Body.Contains("AccountId"))); // the management account's get and put
        Assert.Equal(2 * 3, account.Count(r => r.Body.Contains("\"AccountId\"")));
    }

    [Fact]
    public async Task Set_without_overwrite_keeps_existing_contacts_and_with_overwrite_replaces_them()
    {
        var member = acme.MemberAccountIds[0];
        await acme.PutContactAsync(member, "BILLING", "Acme Finance", "finance@acme.example");
        var service = Both;

        var plan = await service.PlanSetAsync(Customers, AlternateContactFilter.All, overwrite: false, desired: null, CancellationToken.None);
        Assert.Equal(ContactAction.Keep, plan.Changes.Single(c => c.Before.AccountId == member && c.Before.Type == AlternateContactType.Billing).Action);
        Assert.Null(await acme.ContactEmailAsync(member, "SECURITY")); // planning changed nothing
        var applied = await service.ApplyAsync(plan, backups.Path, "test", null, CancellationToken.None);

        Assert.All(applied.Outcomes, o => Assert.True(o.Succeeded, o.Failure?.ToString()));
        Assert.Equal(2 * 4 * 3 - 1, applied.Outcomes.Count);
        Assert.Equal("finance@acme.example", await acme.ContactEmailAsync(member, "BILLING"));
        Assert.Equal("soc@msp.example", await acme.ContactEmailAsync(member, "SECURITY"));
        Assert.Equal("noc@msp.example", await globex.ContactEmailAsync(null, "OPERATIONS"));

        var overwrite = await service.PlanSetAsync(Customers, AlternateContactFilter.All, overwrite: true, desired: null, CancellationToken.None);
        Assert.Equal([(member, AlternateContactType.Billing)], overwrite.Writes.Select(c => (c.Before.AccountId, c.Before.Type)));
        await service.ApplyAsync(overwrite, backups.Path, "test", null, CancellationToken.None);
        Assert.Equal("billing@msp.example", await acme.ContactEmailAsync(member, "BILLING"));
    }

    [Fact]
    public async Task Remove_backs_up_first_and_restore_puts_back_exactly_what_was_there()
    {
        var member = globex.MemberAccountIds[1];
        await globex.PutContactAsync(member, "OPERATIONS", "Globex NOC", "noc@globex.example");
        var service = Both;
        var filter = new AlternateContactFilter([member]);

        var removed = await service.ApplyAsync(await service.PlanRemoveAsync(Customers, filter, CancellationToken.None), backups.Path, "remove", null, CancellationToken.None);
        Assert.Null(await globex.ContactEmailAsync(member, "OPERATIONS"));
        await service.ApplyAsync(await service.PlanSetAsync(Customers, filter, overwrite: true, desired: null, CancellationToken.None), backups.Path, "set", null, CancellationToken.None);
        Assert.Equal("soc@msp.example", await globex.ContactEmailAsync(member, "SECURITY"));

        var backup = AlternateContactBackup.Read(removed.BackupPath!);
        var restore = await service.PlanRestoreAsync(backup, AlternateContactFilter.All, CancellationToken.None);
        await service.ApplyAsync(restore, backups.Path, "restore", null, CancellationToken.None);

        Assert.Equal(3, backup.Contacts.Count);
        Assert.Equal("noc@globex.example", await globex.ContactEmailAsync(member, "OPERATIONS"));
        Assert.Null(await globex.ContactEmailAsync(member, "SECURITY"));
        Assert.Null(await globex.ContactEmailAsync(member, "BILLING"));
    }

    [Fact]
    public async Task Drift_lists_the_accounts_that_differ_from_config_with_a_summary_per_customer()
    {
        var service = Both;
        await service.ApplyAsync(await service.PlanSetAsync(Customers, AlternateContactFilter.All, true, null, CancellationToken.None), backups.Path, null, null, CancellationToken.None);
        await acme.PutContactAsync(acme.MemberAccountIds[2], "SECURITY", "Someone Else", "other@acme.example");

        var drift = await service.DriftAsync(Customers, AlternateContactFilter.All, CancellationToken.None);

        var difference = Assert.Single(drift.Differences);
        Assert.Equal((acme.MemberAccountIds[2], AlternateContactType.Security, "other@acme.example"), (difference.Before.AccountId, difference.Before.Type, difference.Before.Email));
        Assert.Equal([new("acme", 4, 3, 1, 0), new ContactDriftSummary("globex", 4, 4, 0, 0)], drift.Customers);
    }

    [Fact]
    public async Task Organizations_without_trusted_access_or_reached_wrongly_fail_with_the_fix_while_the_other_completes()
    {
        using var initech = await new OrganizationSeed(moto, "initech", "333300000001").CreateAsync(members: 2, trustedAccess: false);
        var lost = new CustomerConfig { CustomerCode = "umbrella", OrganizationRoleArn = "arn:aws:iam::444400000001:role/changemgmt-organization" };
        var elsewhere = acme.Customer with { CustomerCode = "hooli", ManagementAccountId = "999999999999" };
        var service = Service(acme.Customer, initech.Customer, lost, elsewhere);

        var plan = await service.PlanSetAsync([acme.Customer, initech.Customer, lost, elsewhere], AlternateContactFilter.All, overwrite: false, desired: null, CancellationToken.None);
        var applied = await service.ApplyAsync(plan, backups.Path, null, null, CancellationToken.None);

        Assert.Equal(12, applied.Outcomes.Count(o => o.Succeeded && o.Change.Before.CustomerCode == "acme"));
        var trusted = Assert.Single(applied.Failures, f => f.CustomerCode == "initech");
        Assert.Contains("Trusted access for AWS Account Management is not enabled", trusted.Message);
        Assert.Contains("aws organizations enable-aws-service-access --service-principal account.amazonaws.com", trusted.Fix);
        var notInOrganization = Assert.Single(applied.Failures, f => f.CustomerCode == "umbrella");
        Assert.Contains("arn:aws:iam::444400000001:role/changemgmt-organization", notInOrganization.Message);
        Assert.Contains($"management account is {AcmeManagement}, not 999999999999", Assert.Single(applied.Failures, f => f.CustomerCode == "hooli").Message);
        Assert.Null(await initech.ContactEmailAsync(initech.MemberAccountIds[0], "SECURITY"));
    }
}
