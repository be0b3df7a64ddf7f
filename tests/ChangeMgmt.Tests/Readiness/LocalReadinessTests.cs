using System.Text;
using ChangeMgmt.Core.Readiness;
using ChangeMgmt.Core.Rendering;
using ChangeMgmt.Local;
using ChangeMgmt.Tests.Administration;

namespace ChangeMgmt.Tests.Readiness;

/// <summary>Issue 19 in local mode: the account states (sandbox, identity pending or failed, DKIM), the checks, the setup and the test message.</summary>
public sealed class LocalReadinessTests : AdminWorldTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    private DeliverabilityCheck Check => new(AdminWorld.Config.Email, World.Adapters.SesAccounts);

    private SesAccountSetup Setup => new(AdminWorld.Config, World.Adapters.SesAccounts, World.Lists, World.Topics);

    private LocalSesAccount Local(string code) => World.Adapters.SesAccounts.ForCustomer(code);

    private static Dictionary<string, CheckStatus> ByCheck(IEnumerable<DeliverabilityResult> results) => results.ToDictionary(r => r.Check, r => r.Status);

    [Fact]
    public async Task A_new_account_is_in_the_sandbox_without_identity_or_configuration_set_and_every_failure_says_its_fix()
    {
        var results = await Check.RunAsync(AdminWorld.Acme, DeliverabilityScope.Full, None);

        var status = ByCheck(results);
        Assert.Equal(CheckStatus.Fail, status["ProductionAccess"]);
        Assert.Equal(CheckStatus.Fail, status["SenderIdentity"]);
        Assert.Equal(CheckStatus.Fail, status["Dkim"]);
        Assert.Equal(CheckStatus.Fail, status["ConfigurationSet"]);
        Assert.Equal(CheckStatus.Pass, status["SendingEnabled"]);
        Assert.Equal(CheckStatus.Pass, status["SenderInIdentity"]);
        Assert.All(results.Where(r => r.Blocks), r => Assert.False(string.IsNullOrWhiteSpace(r.Fix), r.Check));
        Assert.Contains("Initialize-SesAccount -Customer acme", results.Single(r => r.Check == "SenderIdentity").Fix);
        var readiness = await Check.ReadinessAsync(AdminWorld.Acme, None);
        Assert.False(readiness.Ready);
        Assert.Equal("ProductionAccess", readiness.FirstFailure!.Check);
    }

    [Fact]
    public async Task A_pending_identity_fails_the_identity_and_dkim_checks_naming_the_cname_records_to_publish()
    {
        await Local("acme").AddUnverifiedIdentityAsync("msp.example", "PENDING", None);

        var results = await Check.RunAsync(AdminWorld.Acme, DeliverabilityScope.Full, None);

        var dkim = results.Single(r => r.Check == "Dkim");
        Assert.Equal(CheckStatus.Fail, dkim.Status);
        Assert.Contains("PENDING", dkim.Detail);
        Assert.Matches(@"_domainkey\.msp\.example CNAME .*\.dkim\.amazonses\.com", dkim.Fix);
        Assert.Contains("PENDING", results.Single(r => r.Check == "SenderIdentity").Detail);
    }

    [Fact]
    public async Task Initialize_plans_without_changing_then_readies_the_account_and_a_rerun_finds_everything_already_so()
    {
        await Local("acme").AddUnverifiedIdentityAsync("msp.example", "FAILED", None);

        var plan = await Setup.PlanAsync(AdminWorld.Acme, requestProductionAccess: true, None);
        Assert.True(plan.HasWork);
        Assert.Equal(["ConfigurationSet", "DomainIdentity", "EasyDkim", "MailFrom", "SuppressionReasons", "ProductionAccess", "ContactList"],
            plan.Results.Select(r => r.Step));
        var identityStep = plan.Results.Single(r => r.Step == "DomainIdentity"); // it exists, with no default configuration set
        Assert.Equal((SetupStepStatus.Planned, true), (identityStep.Status, identityStep.Detail.Contains("the default of domain identity", StringComparison.Ordinal)));
        Assert.False((await Check.ReadinessAsync(AdminWorld.Acme, None)).Ready); // planning changed nothing

        var applied = await Setup.ApplyAsync(plan, None);

        Assert.All(applied, r => Assert.Equal(SetupStepStatus.Done, r.Status));
        Assert.Equal("changemgmt", (await Local("acme").GetEmailIdentityAsync("msp.example", None)).ConfigurationSetName);
        var results = await Check.RunAsync(AdminWorld.Acme, DeliverabilityScope.Full, None);
        Assert.All(results, r => Assert.Equal(CheckStatus.Pass, r.Status));
        Assert.True((await Check.ReadinessAsync(AdminWorld.Acme, None)).Ready);
        var rerun = await Setup.PlanAsync(AdminWorld.Acme, requestProductionAccess: true, None);
        Assert.False(rerun.HasWork);
        Assert.All(rerun.Results, r => Assert.Equal(SetupStepStatus.AlreadySo, r.Status));
    }

    [Fact]
    public async Task Without_RequestProductionAccess_the_sandbox_step_fails_with_its_fix_and_the_others_still_run()
    {
        var applied = await Setup.ApplyAsync(await Setup.PlanAsync(AdminWorld.Globex, requestProductionAccess: false, None), None);

        var sandbox = applied.Single(r => r.Step == "ProductionAccess");
        Assert.Equal(SetupStepStatus.Failed, sandbox.Status);
        Assert.Contains("-RequestProductionAccess", sandbox.Fix);
        Assert.Equal(SetupStepStatus.Done, applied.Single(r => r.Step == "DomainIdentity").Status);
        Assert.Equal(SetupStepStatus.Done, applied.Single(r => r.Step == "ContactList").Status);
        Assert.Equal(["ProductionAccess"], (await Check.RunAsync(AdminWorld.Globex, DeliverabilityScope.Full, None)).Where(r => r.Blocks).Select(r => r.Check));
    }

    [Theory]
    [InlineData("success@simulator.amazonses.com", false, true)]
    [InlineData("alice@acme.example", true, false)]
    public async Task A_test_message_goes_out_with_the_configuration_set_and_list_management_and_says_whether_it_was_to_a_contact(string to, bool contact, bool simulator)
    {
        await Setup.ApplyAsync(await Setup.PlanAsync(AdminWorld.Acme, requestProductionAccess: false, None), None); // the identity's default set
        await World.AddAsync(AdminWorld.Acme, "alice@acme.example", AdminWorld.In("aws-announce"));
        var sender = new TestEmail(AdminWorld.Config, World.Adapters.SesAccounts, new NotificationRenderer(AdminWorld.Config.Email, new TemplateLibrary(null)), World.Clock);

        var result = await sender.SendAsync(AdminWorld.Acme, to, null, None);

        Assert.Equal((contact, simulator, "changemgmt", "aws-announce"), (result.IsContact, result.IsSimulator, result.ConfigurationSetName, result.TopicName));
        var sent = (await World.Adapters.Outbox.GetAsync(result.MessageId, None))!;
        Assert.Equal(to, sent.Email.To);
        var mime = Encoding.UTF8.GetString(sent.Mime);
        Assert.Contains("X-SES-CONFIGURATION-SET: changemgmt", mime);
        Assert.Contains("List-Unsubscribe:", mime);
        Assert.Contains("Test message from ChangeMgmt for Acme Corp", sent.Email.Subject);
    }
}
