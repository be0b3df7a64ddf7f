using System.Text.Json.Nodes;
using ChangeMgmt.Aws.Tests.Support;
using ChangeMgmt.Core.Administration;
using ChangeMgmt.Core.Configuration;
using ChangeMgmt.Core.Errors;
using ChangeMgmt.Core.Readiness;
using ChangeMgmt.Core.Rendering;

namespace ChangeMgmt.Aws.Tests.EndToEnd;

/// <summary>
/// Issue 19 on AWS APIs: Initialize-SesAccount's setup, the deliverability checks and the test message,
/// through each customer's role into its own SES account in moto (identities, configuration sets,
/// contact lists, SendEmail); what moto lacks is stubbed by <see cref="SesSetupGapsHandler"/>.
/// </summary>
[Collection(MotoCollection.Name)]
public sealed class SesSetupThroughAwsTests(MotoServer moto) : AwsWorldTests(moto), IDisposable
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly SesSetupGapsHandler gaps = new();
    private AwsAdapters? adapters;
    private LoadedConfig? configured;

    private AwsAdapters Adapters => adapters ??= new AwsAdapters(config, World.Settings, sesManagementRequestsPerSecond: 50, sesHandlers: _ => gaps);

    private LoadedConfig config => configured ??= World.Config with
    {
        Config = World.Config.Config with
        {
            EmailConfig = World.Config.Email with { Domain = "msp.example", MailFromSubdomain = "bounce" },
            CustomerMappings = World.Config.Config.CustomerMappings.ToDictionary(c => c.Key, c => c.Value with { ContactListName = null }),
        },
    };

    private CustomerConfig Globex => config.Customer("globex");

    private SesAccountSetup Setup()
    {
        var backups = new ContactListBackups(Adapters.SesAccounts, Path.Combine(Path.GetTempPath(), "changemgmt-i19-backups"), TimeProvider.System);
        var lists = new ContactListService(config, Adapters.SesAccounts, backups);
        return new SesAccountSetup(config, Adapters.SesAccounts, lists, new TopicSync(Adapters.SesAccounts, lists, backups));
    }

    private DeliverabilityCheck Check => new(config.Email, Adapters.SesAccounts);

    [Fact]
    public async Task The_plan_reads_only_the_first_run_creates_identity_dkim_mail_from_set_and_suppression_and_a_rerun_finds_them_already_so()
    {
        var account = Adapters.SesAccounts.ForCustomer("globex");
        var plan = await Setup().PlanAsync(Globex, requestProductionAccess: false, None);

        Assert.Empty(gaps.Writes);
        Assert.Equal(ServiceErrorKind.NotFound, (await Assert.ThrowsAsync<ServiceException>(() => account.GetEmailIdentityAsync("msp.example", None))).Kind);
        Assert.Equal(ServiceErrorKind.NotFound, (await Assert.ThrowsAsync<ServiceException>(() => account.GetConfigurationSetAsync("changemgmt", None))).Kind);
        Assert.Equal(SetupStepStatus.Planned, plan.Results.Single(r => r.Step == "DomainIdentity").Status);
        Assert.Equal(SetupStepStatus.AlreadySo, plan.Results.Single(r => r.Step == "ContactList").Status); // the world's list has the topics

        var first = await Setup().ApplyAsync(plan, None);

        Assert.Equal(["Done", "Done", "Done", "Done", "Done", "Failed", "AlreadySo"], first.Select(r => r.Status.ToString()));
        var identity = await account.GetEmailIdentityAsync("msp.example", None);
        Assert.Equal(("DOMAIN", true, "RSA_2048_BIT", "changemgmt"), (identity.IdentityType, identity.Dkim.SigningEnabled, identity.Dkim.NextSigningKeyLength, identity.ConfigurationSetName));
        Assert.Equal(("bounce.msp.example", "USE_DEFAULT_VALUE"), (identity.MailFrom!.MailFromDomain, identity.MailFrom.BehaviorOnMxFailure));
        var set = await account.GetConfigurationSetAsync("changemgmt", None);
        Assert.True(set.SendingEnabled);
        Assert.Equal(["BOUNCE", "COMPLAINT"], gaps.SuppressedReasons);
        var create = JsonNode.Parse(gaps.Writes.Single(w => w.Path == "/v2/email/configuration-sets").Body!)!;
        Assert.True((bool)create["ReputationOptions"]!["ReputationMetricsEnabled"]!);

        gaps.DnsPublished = true;
        var writes = gaps.Writes.Count();
        var rerun = await Setup().PlanAsync(Globex, requestProductionAccess: false, None);
        Assert.Equal(["AlreadySo", "AlreadySo", "AlreadySo", "AlreadySo", "AlreadySo", "Failed", "AlreadySo"], rerun.Results.Select(r => r.Status.ToString()));
        Assert.Equal(writes, gaps.Writes.Count());
    }

    [Fact]
    public async Task A_sandboxed_unverified_account_fails_with_fixes_and_once_set_up_and_published_it_passes()
    {
        var before = await Check.RunAsync(Globex, DeliverabilityScope.Full, None);
        var failing = before.Where(r => r.Blocks).Select(r => r.Check).ToList();
        Assert.Equal(["ProductionAccess", "SenderIdentity", "Dkim", "MailFrom", "ConfigurationSet"], failing);
        Assert.All(before.Where(r => r.Blocks), r => Assert.NotNull(r.Fix));
        Assert.Equal(1, DeliverabilitySummary.Of(before).NotReady);

        await Setup().ApplyAsync(await Setup().PlanAsync(Globex, requestProductionAccess: true, None), None);
        var pending = await Check.RunAsync(Globex, DeliverabilityScope.Full, None);
        Assert.Equal(["SenderIdentity", "Dkim"], pending.Where(r => r.Blocks).Select(r => r.Check));
        Assert.Contains("t1._domainkey.msp.example CNAME t1.dkim.amazonses.com", pending.Single(r => r.Check == "Dkim").Fix);
        var details = JsonNode.Parse(gaps.Writes.Single(w => w.Path == "/v2/email/account/details").Body!)!;
        Assert.Equal(("TRANSACTIONAL", "https://changes.msp.example"), ((string)details["MailType"]!, (string)details["WebsiteURL"]!));

        gaps.DnsPublished = true;
        var after = await Check.RunAsync(Globex, DeliverabilityScope.Full, None);
        Assert.All(after, r => Assert.Equal(CheckStatus.Pass, r.Status));
        Assert.True((await Check.ReadinessAsync(Globex, None)).Ready);
    }

    [Fact]
    public async Task A_test_message_to_the_bounce_simulator_is_sent_from_the_customers_account_with_its_configuration_set_and_list_management()
    {
        await Setup().ApplyAsync(await Setup().PlanAsync(Globex, requestProductionAccess: false, None), None); // the identity's default set
        var sender = new TestEmail(config, Adapters.SesAccounts, new NotificationRenderer(config.Email, new TemplateLibrary(null)), TimeProvider.System);

        var result = await sender.SendAsync(Globex, "bounce@simulator.amazonses.com", "aws-approval", None);

        Assert.Equal((false, true, "changemgmt"), (result.IsContact, result.IsSimulator, result.ConfigurationSetName));
        var sent = Assert.Single(await DeliveryThroughAwsTests.SentAsync(Moto), m => m.Id == result.MessageId);
        Assert.Equal(("bounce@simulator.amazonses.com", AwsWorld.Sender), (sent.To, sent.From));
        var body = JsonNode.Parse(gaps.Requests.Single(r => r.Path == "/v2/email/outbound-emails").Body!)!;
        Assert.Null(body["ConfigurationSetName"]); // none configured: the identity's default set (changemgmt, reported above) applies
        Assert.Equal(("changemgmt", "aws-approval"), ((string?)body["ListManagementOptions"]!["ContactListName"], (string?)body["ListManagementOptions"]!["TopicName"]));
        Assert.Contains("{{amazonSESUnsubscribeUrl}}", (string?)body["Content"]!["Simple"]!["Body"]!["Text"]!["Data"]);
    }

    void IDisposable.Dispose() => adapters?.Dispose();
}
