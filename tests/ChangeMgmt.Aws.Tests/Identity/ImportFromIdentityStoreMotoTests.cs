using ChangeMgmt.Aws.Identity;
using ChangeMgmt.Aws.Ses;
using ChangeMgmt.Aws.Tests.Ses;
using ChangeMgmt.Aws.Tests.Support;
using ChangeMgmt.Core.Configuration;
using ChangeMgmt.Core.Delivery;
using ChangeMgmt.Core.Identity;
using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Aws.Tests.Identity;

/// <summary>
/// The identity import end to end through the AWS adapters against moto: the store found by SSO
/// Admin ListInstances, users, CCoE groups and memberships read from moto's Identity Store, contacts
/// created in moto's SES v2 list. (moto keeps neither AttributesData nor AlreadyExists, so removals
/// of managed contacts and the resumption are tested against the local SES adapter in ChangeMgmt.Tests.)
/// </summary>
[Collection(MotoCollection.Name)]
public sealed class ImportFromIdentityStoreMotoTests(MotoServer moto) : IAsyncLifetime, IDisposable
{
    private const string ListName = "changemgmt";
    private const string SecurityGroup = "ccoe-cloud-prod-123456789012-idp-billing-portal-security";
    private const string DevOpsGroup = "ccoe-cloud-dev-210987654321-eu-west-1-idp-ci-cd-devops";
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly CustomerConfig Customer = SesTestCustomers.Customer("acme", IdentityTestSupport.Region);

    private static readonly IReadOnlyList<Topic> Topics =
    [
        new("aws-calendar", "Calendar", "", SubscriptionStatus.OptOut, ["cloudeng", "devops", "security"], "aws"),
        new("aws-announce", "Announcements", "", SubscriptionStatus.OptIn, [], "aws"),
        new("aws-approval", "Approvals", "", SubscriptionStatus.OptOut, ["security"], "aws"),
        new("finops-announce", "FinOps", "", SubscriptionStatus.OptOut, ["finance"], null),
    ];

    private readonly string exports = System.IO.Directory.CreateTempSubdirectory("changemgmt-identity-import-").FullName;
    private AwsSesAccount account = null!;
    private AwsIdentityCenterInstances instances = null!;

    public async Task InitializeAsync()
    {
        await moto.ResetAsync();
        account = SesTestCustomers.Account(moto.Endpoints);
        instances = new AwsIdentityCenterInstances(Customer, new FixedCustomerRoles(IdentityTestSupport.Credentials), IdentityTestSupport.Settings(moto.Endpoints));
        await account.CreateContactListAsync(new SesContactList(ListName, null,
            [.. Topics.Select(t => new SesTopic(t.TopicName, t.DisplayName, t.Description, t.DefaultSubscriptionStatus))]), None);
    }

    private AwsIdentityDirectory Directory() =>
        new(IdentityTestSupport.Credentials, IdentityTestSupport.Region, IdentityTestSupport.Settings(moto.Endpoints), "acme",
            new IdentityDirectoryOptions { PageSize = 2, RequestsPerSecond = 1000 });

    [Fact]
    public async Task Users_in_ccoe_groups_become_contacts_subscribed_by_role_and_a_second_run_adds_nothing()
    {
        var located = await IdentityStoreLocator.LocateAsync(null, exports, "acme", instances, None);
        Assert.Equal(IdentityStoreSource.ListInstances, located.Source);
        var store = located.IdentityStoreId;
        using (var seed = new IdentitySeed(moto.Endpoint, store))
        {
            var sec = await seed.UserAsync("sec", "Sam", "Secure", "sec@acme.example");
            var dev = await seed.UserAsync("dev", "Dana", "Ops", "dev@acme.example");
            await seed.UserAsync("plain", "Pat", "Plain", "plain@acme.example");
            var security = await seed.GroupAsync(SecurityGroup, "security people");
            var devops = await seed.GroupAsync(DevOpsGroup, "devops people");
            var everyone = await seed.GroupAsync("everyone", "not a CCoE group");
            await seed.MembershipAsync(security, sec);
            await seed.MembershipAsync(devops, dev);
            await seed.MembershipAsync(devops, sec);
            await seed.MembershipAsync(everyone, dev);
        }
        await account.CreateContactAsync(ListName, new SesContact("handmade@acme.example", [new TopicPreference("aws-approval", SubscriptionStatus.OptIn)]), None);
        using var directory = Directory();

        var snapshot = await new IdentityCenterReader(directory, maxConcurrency: 2).ReadAsync(store, null, None);
        var sam = snapshot.UsersWithGroups().Single(u => u.User.UserName == "sec");
        Assert.Equal(["devops", "security"], sam.Roles);
        Assert.Equal("billing-portal", sam.CcoeGroups.Single(g => g.Role == "security").Application);
        Assert.Equal(["dev", "sec"], snapshot.GroupsWithMembers().Single(g => g.Group.DisplayName == DevOpsGroup).Members.Select(u => u.UserName));

        var plan = await ContactImporter.PlanAsync(Customer, Topics, snapshot, account, new ContactImportOptions(), None);
        Assert.Equal(
            [
                ("dev@acme.example", "aws-calendar,aws-announce"),
                ("plain@acme.example", "aws-announce"),
                ("sec@acme.example", "aws-calendar,aws-announce,aws-approval"),
            ],
            plan.ToAdd.Select(a => (a.Email, string.Join(',', a.Topics))));
        Assert.Empty(plan.ToRemove);
        Assert.Equal(["handmade@acme.example"], plan.NotInIdentityStore);

        var summary = await ContactImporter.ApplyAsync(Customer, plan, account, null, None);

        Assert.Equal((3, 6, 0, 1, 0), (summary.Added, summary.Subscribed, summary.Removed, summary.Unchanged, summary.Failed));
        var secContact = await account.GetContactAsync(ListName, "sec@acme.example", None);
        Assert.Equal(["aws-announce", "aws-approval", "aws-calendar"],
            secContact.TopicPreferences.Where(p => p.SubscriptionStatus == SubscriptionStatus.OptIn).Select(p => p.TopicName).Order(StringComparer.Ordinal));
        var contacts = await AudienceReader.ReadAllAsync(token => account.ListContactsAsync(ListName, null, 100, token, None));
        Assert.Equal(4, contacts.Count);

        var path = await IdentityCenterExport.WriteAsync(snapshot, exports, DateTimeOffset.UtcNow, "acme", None);
        var again = await IdentityStoreLocator.LocateAsync(null, exports, "acme", instances, None);
        Assert.Equal(new IdentityStoreLocation(store, IdentityStoreSource.ExportFile, path), again);
        var replan = await ContactImporter.PlanAsync(Customer, Topics, IdentityCenterExport.ReadLatest(exports, "acme")!.Snapshot, account, new ContactImportOptions(), None);
        Assert.True(replan.IsEmpty);
        Assert.Equal(4, replan.Unchanged.Count);
    }

    public Task DisposeAsync()
    {
        account.Dispose();
        instances.Dispose();
        return Task.CompletedTask;
    }

    public void Dispose() => System.IO.Directory.Delete(exports, recursive: true);
}
