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

        Assert.Equal(1, await Checks.CheckDueAsync(default));
        clock.Advance(TimeSpan.FromHours(23));
        Assert.Equal(0, await Checks.CheckDueAsync(default));
        clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(1, await Checks.CheckDueAsync(default));

        var report = await Reports.GetAsync(Acme, default);
        Assert.Equal((ContactReportState.Checked, clock.GetUtcNow(), 2, 0, 2), (report.State, report.CheckedAt, report.Accounts, report.Matching, report.Drifting));
        Assert.All(report.DriftingAccounts, a => Assert.Null(Assert.Single(a.Differences).Current));
    }

    [Fact]
    public async Task A_request_makes_the_customer_due_and_is_cleared_by_the_check_that_answers_it()
    {
        await Checks.CheckDueAsync(default);
        clock.Advance(TimeSpan.FromMinutes(5));

        var request = await Reports.RequestAsync(Acme, "ada", default);

        Assert.Equal(request.RequestedAt, (await Reports.GetAsync(Acme, default)).CheckRequestedAt);
        Assert.Equal(1, await Checks.CheckDueAsync(default));
        Assert.Null((await Reports.GetAsync(Acme, default)).CheckRequestedAt);
        Assert.Equal(0, await Checks.CheckDueAsync(default));
    }

    [Fact]
    public async Task A_check_another_sweep_holds_is_not_started_again_until_its_hold_lapses()
    {
        await Reports.TryClaimAsync(Acme, AlternateContactChecks.Lease, default);

        Assert.Equal(0, await Checks.CheckDueAsync(default));
        clock.Advance(AlternateContactChecks.Lease);
        Assert.Equal(1, await Checks.CheckDueAsync(default));
        Assert.DoesNotContain(store.Keys, k => k.EndsWith(".checking.json", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_customer_without_contact_config_or_role_is_not_configured_with_the_fix_and_never_checked()
    {
        Assert.Equal(1, await Checks.CheckDueAsync(default));

        var umbrella = await Reports.GetAsync(config.Config.CustomerMappings["umbrella"], default);

        Assert.Equal(ContactReportState.NotConfigured, umbrella.State);
        Assert.Contains("organization_role_arn", umbrella.NotConfigured!.Fix);
        Assert.Contains("contact_config", umbrella.NotConfigured.Fix);
        Assert.DoesNotContain(store.Keys, k => k.Contains("umbrella", StringComparison.Ordinal));
    }
}
