using ChangeMgmt.Core.AlternateContacts;
using ChangeMgmt.Core.Configuration;
using ChangeMgmt.Tests.Ports;

namespace ChangeMgmt.Tests.AlternateContacts;

/// <summary>
/// The sweep's drift checks over an in-memory bucket and organizations: a customer is checked when its report is
/// missing, older than the maximum age or asked for, never while another sweep holds its check, and never when it has
/// no contact_config (reported "not configured" with the fix).
/// </summary>
public sealed class AlternateContactChecksTests
{
    private const string Role = "arn:aws:iam::310000000001:role/changemgmt-organization";
    private static readonly ContactConfig Contacts = new() { SecurityEmail = "soc@msp.example", SecurityName = "MSP SOC", SecurityTitle = "SOC", SecurityPhone = "+14155550100" };

    private static readonly TimeSpan Budget = TimeSpan.FromMinutes(1);

    private readonly ManualClock clock = new();
    private readonly InMemoryObjectStore store = new();
    private readonly LoadedConfig config = new(new ChangeMgmtConfig
    {
        CustomerMappings = new()
        {
            ["acme"] = new() { CustomerCode = "acme", CustomerName = "Acme", OrganizationRoleArn = Role, ContactConfig = Contacts },
            ["umbrella"] = new() { CustomerCode = "umbrella" },
        },
    }, new SesConfig(), [], "test/config.json", "test/SESConfig.json");

    private AlternateContactReports Reports => new(store, config, clock);

    private AlternateContactChecks Checks => new(
        new AlternateContactService(new InMemoryOrganization("310000000001", ["310000000002"]), config, clock), Reports, config, clock);

    private CustomerConfig Acme => config.Config.CustomerMappings["acme"];

    [Fact]
    public async Task A_customer_is_checked_once_until_its_report_is_older_than_the_maximum_age()
    {
        Assert.Equal(ContactReportState.NotChecked, (await Reports.GetAsync(Acme, default)).State);

        Assert.Equal(1, await Checks.CheckDueAsync(Budget, default));
        clock.Advance(TimeSpan.FromHours(23));
        Assert.Equal(0, await Checks.CheckDueAsync(Budget, default));
        clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(1, await Checks.CheckDueAsync(Budget, default));

        var report = await Reports.GetAsync(Acme, default);
        Assert.Equal((ContactReportState.Checked, clock.GetUtcNow(), 2, 0, 2), (report.State, report.CheckedAt, report.Accounts, report.Matching, report.Drifting));
        Assert.All(report.DriftingAccounts, a => Assert.Null(Assert.Single(a.Differences).Current));
    }

    [Fact]
    public async Task A_request_makes_the_customer_due_and_is_cleared_by_the_check_that_answers_it()
    {
        await Checks.CheckDueAsync(Budget, default);
        clock.Advance(TimeSpan.FromMinutes(5));

        var request = await Reports.RequestAsync(Acme, "ada", default);

        Assert.Equal(request.RequestedAt, (await Reports.GetAsync(Acme, default)).CheckRequestedAt);
        Assert.Equal(1, await Checks.CheckDueAsync(Budget, default));
        Assert.Null((await Reports.GetAsync(Acme, default)).CheckRequestedAt);
        Assert.Equal(0, await Checks.CheckDueAsync(Budget, default));
    }

    [Fact]
    public async Task A_check_another_sweep_holds_is_not_started_again_until_its_hold_lapses()
    {
        await Reports.TryClaimAsync(Acme, AlternateContactChecks.Lease, default);

        Assert.Equal(0, await Checks.CheckDueAsync(Budget, default));
        clock.Advance(AlternateContactChecks.Lease);
        Assert.Equal(1, await Checks.CheckDueAsync(Budget, default));
        Assert.DoesNotContain(store.Keys, k => k.EndsWith(".checking.json", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_customer_without_contact_config_or_role_is_not_configured_with_the_fix_and_never_checked()
    {
        Assert.Equal(1, await Checks.CheckDueAsync(Budget, default));

        var umbrella = await Reports.GetAsync(config.Config.CustomerMappings["umbrella"], default);

        Assert.Equal(ContactReportState.NotConfigured, umbrella.State);
        Assert.Contains("organization_role_arn", umbrella.NotConfigured!.Fix);
        Assert.Contains("contact_config", umbrella.NotConfigured.Fix);
        Assert.DoesNotContain(store.Keys, k => k.Contains("umbrella", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_check_longer_than_the_budget_keeps_its_progress_and_the_next_sweeps_go_on_from_there()
    {
        var members = Enumerable.Range(2, 9).Select(i => $"3100000000{i:00}").ToList();
        var organization = new InMemoryOrganization("310000000001", members) { OnRead = () => clock.Advance(TimeSpan.FromSeconds(4)) };
        organization.Set(members[6], AlternateContactType.Security, new("Old SOC", "SOC", "old@acme.example", "+15550000000"));
        var checks = new AlternateContactChecks(new AlternateContactService(organization, config, clock), Reports, config, clock);

        var sweeps = 1;
        while (await checks.CheckDueAsync(TimeSpan.FromSeconds(10), default) == 0)
        {
            Assert.Contains(store.Keys, k => k == "alternate-contacts/acme.progress.json");
            Assert.Equal(ContactReportState.NotChecked, (await Reports.GetAsync(Acme, default)).State);
            sweeps++;
        }

        Assert.Equal(4, sweeps); // 10 accounts, one read of 4 s each, at most 10 s a sweep: 3 accounts a sweep
        Assert.Equal(members.Prepend(null), organization.Reads);
        var report = await Reports.GetAsync(Acme, default);
        Assert.Equal((ContactReportState.Checked, 10, 0, 10), (report.State, report.Accounts, report.Matching, report.Drifting));
        Assert.Equal("old@acme.example", report.DriftingAccounts.Single(a => a.AccountId == members[6]).Differences.Single().Current!.Email);
        Assert.DoesNotContain(store.Keys, k => k.EndsWith(".progress.json", StringComparison.Ordinal) || k.EndsWith(".checking.json", StringComparison.Ordinal));
        Assert.Equal(0, await checks.CheckDueAsync(TimeSpan.FromSeconds(10), default));
    }
}
