using System.Reflection;
using ChangeMgmt.Core.Delivery;
using ChangeMgmt.Core.Errors;
using ChangeMgmt.Core.Identity;
using ChangeMgmt.Core.Ports;
using ChangeMgmt.Tests.Administration;
using static ChangeMgmt.Tests.Administration.AdminWorld;

namespace ChangeMgmt.Tests.Identity;

/// <summary>Planning and applying an import against the local SES adapter (SQLite).</summary>
public sealed class ContactImporterTests : AdminWorldTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    private static DirectoryBuilder People(int extra = 0)
    {
        var builder = new DirectoryBuilder()
            .User("sec", "sec@acme.example", null, ContactImportPlannerTests.Security)
            .User("fin", "fin@acme.example", null, ContactImportPlannerTests.Finance)
            .User("kept", "kept@acme.example", null, ContactImportPlannerTests.DevOps);
        for (var i = 0; i < extra; i++) builder.User($"user{i}", $"user{i}@acme.example");
        return builder;
    }

    private async Task<ContactImportPlan> PlanAsync(IdentityCenterSnapshot snapshot, bool removeUnmanaged = false, ISesAccount? account = null) =>
        await ContactImporter.PlanAsync(Acme, Config.Topics, snapshot, account ?? World.Account(Acme), new ContactImportOptions(removeUnmanaged), None);

    /// <summary>Every contact as GetContact gives it (ListContacts leaves AttributesData out).</summary>
    private async Task<Dictionary<string, SesContact>> ContactsAsync()
    {
        var account = World.Account(Acme);
        var listed = await AudienceReader.ReadAllAsync(token => account.ListContactsAsync(ListName, null, 1000, token, None));
        var contacts = new Dictionary<string, SesContact>(StringComparer.OrdinalIgnoreCase);
        foreach (var contact in listed) contacts[contact.EmailAddress] = await account.GetContactAsync(ListName, contact.EmailAddress, None);
        return contacts;
    }

    private static (int Added, int Subscribed, int Removed, int Unchanged, int Failed) Counts(ContactImportSummary s)
    {
        Assert.Equal("acme", s.CustomerCode);
        Assert.Equal(s.Failed, s.Failures.Count);
        return (s.Added, s.Subscribed, s.Removed, s.Unchanged, s.Failed);
    }

    private static ISesAccount FailingNth(ISesAccount real, string operation, int n, Exception fault)
    {
        var calls = 0;
        var account = DispatchProxy.Create<ISesAccount, FailingAccount>();
        ((FailingAccount)(object)account).Setup(real, operation, fault, () => Interlocked.Increment(ref calls) == n);
        return account;
    }

    [Fact]
    public async Task Adds_subscribes_by_role_removes_managed_and_keeps_everything_else_as_it_is()
    {
        await World.CreateListAsync(Acme);
        await World.AddAsync(Acme, "KEPT@acme.example", Out("aws-announce"), In("finops-announce"));
        await World.AddAsync(Acme, "handmade@acme.example", In("aws-approval"));
        await World.Account(Acme).CreateContactAsync(ListName,
            new SesContact("left@acme.example", [In("aws-announce")], AttributesData: ManagedContactMarker.For("d-1234567890", "u-left")), None);
        var keptBefore = (await ContactsAsync())["kept@acme.example"];
        var progress = new Reports<ImportProgress>();

        var plan = await PlanAsync(People().Snapshot());
        var summary = await ContactImporter.ApplyAsync(Acme, plan, World.Account(Acme), progress, None);

        Assert.Equal((2, 7, 1, 2, 0), Counts(summary));
        var contacts = await ContactsAsync();
        Assert.Equal(["fin@acme.example", "handmade@acme.example", "KEPT@acme.example", "sec@acme.example"], contacts.Values.Select(c => c.EmailAddress).Order(StringComparer.OrdinalIgnoreCase));
        Assert.Equal(
            [In("aws-announce"), In("aws-approval"), In("aws-calendar"), In("general-updates")],
            contacts["sec@acme.example"].TopicPreferences.OrderBy(p => p.TopicName, StringComparer.Ordinal));
        Assert.Equal(new ManagedContactMarker(ManagedContactMarker.IdentityImport, "d-1234567890", "u-sec"), ManagedContactMarker.Read(contacts["sec@acme.example"].AttributesData));
        Assert.Equal(
            [In("aws-announce"), In("finops-announce"), In("general-updates")],
            contacts["fin@acme.example"].TopicPreferences.OrderBy(p => p.TopicName, StringComparer.Ordinal));
        Assert.Equal(ListState.Key(keptBefore), ListState.Key(contacts["kept@acme.example"]));
        Assert.Equal([In("aws-approval")], contacts["handmade@acme.example"].TopicPreferences);
        Assert.Equal(
            [(ContactImportAction.Add, "fin@acme.example", 1), (ContactImportAction.Add, "sec@acme.example", 2), (ContactImportAction.Remove, "left@acme.example", 3)],
            progress.Items.Select(p => (p.Action, p.Email, p.Done)).OrderBy(p => p.Done));
        Assert.All(progress.Items, p => Assert.Equal(("acme", 3), (p.CustomerCode, p.Total)));

        var again = await ContactImporter.ApplyAsync(Acme, await PlanAsync(People().Snapshot()), World.Account(Acme), null, None);
        Assert.Equal((0, 0, 0, 4, 0), Counts(again));
    }

    [Fact]
    public async Task RemoveUnmanaged_also_removes_hand_added_contacts_no_user_has()
    {
        await World.CreateListAsync(Acme);
        await World.AddAsync(Acme, "handmade@acme.example", In("aws-approval"));
        await World.AddAsync(Acme, "sec@acme.example", Out("aws-approval"));

        var plan = await PlanAsync(People().Snapshot(), removeUnmanaged: true);
        var summary = await ContactImporter.ApplyAsync(Acme, plan, World.Account(Acme), null, None);

        Assert.Equal((2, 1, 1, 0), (summary.Added, summary.Removed, summary.Unchanged, summary.Failed));
        var contacts = await ContactsAsync();
        Assert.False(contacts.ContainsKey("handmade@acme.example"));
        Assert.Equal([Out("aws-approval")], contacts["sec@acme.example"].TopicPreferences);
    }

    [Fact]
    public async Task Planning_alone_changes_nothing()
    {
        await World.CreateListAsync(Acme);
        await World.Account(Acme).CreateContactAsync(ListName,
            new SesContact("left@acme.example", [], AttributesData: ManagedContactMarker.For("d-1234567890", "u-left")), None);
        var before = await World.StateAsync(Acme);

        var plan = await PlanAsync(People().Snapshot(), removeUnmanaged: true);

        Assert.Equal(3, plan.ToAdd.Count);
        Assert.Single(plan.ToRemove);
        ListState.Equal(before, await World.StateAsync(Acme));
    }

    [Fact]
    public async Task Topics_the_list_does_not_carry_are_left_out_of_the_plan()
    {
        await World.Account(Acme).CreateContactListAsync(new SesContactList(ListName, null,
            [new SesTopic("aws-announce", "Announcements", "", SubscriptionStatus.OptIn)]), None);

        var plan = await PlanAsync(People().Snapshot());

        Assert.All(plan.ToAdd, a => Assert.Equal(["aws-announce"], a.Topics));
    }

    [Fact]
    public async Task An_import_interrupted_by_a_failure_halfway_finishes_on_the_next_run_without_duplicates()
    {
        await World.CreateListAsync(Acme);
        var snapshot = People(extra: 5).Snapshot();
        var failing = FailingNth(World.Account(Acme), nameof(ISesAccount.CreateContactAsync), 4,
            new ServiceException(ServiceErrorKind.Unavailable, "connection reset", "acme"));

        var first = await ContactImporter.ApplyAsync(Acme, await PlanAsync(snapshot), failing, null, None);

        Assert.Equal((7, 1), (first.Added, first.Failed));
        var failure = Assert.Single(first.Failures);
        Assert.Equal(("acme", "user0@acme.example", ContactImportAction.Add), (failure.CustomerCode, failure.Email, failure.Action));
        Assert.IsType<ServiceException>(failure.Error);
        Assert.Equal(7, (await ContactsAsync()).Count);

        var replan = await PlanAsync(snapshot);
        Assert.Equal(["user0@acme.example"], replan.ToAdd.Select(a => a.Email));
        var second = await ContactImporter.ApplyAsync(Acme, replan, World.Account(Acme), null, None);

        Assert.Equal((1, 2, 0, 7, 0), Counts(second));
        var contacts = await ContactsAsync();
        Assert.Equal(8, contacts.Count);
        Assert.All(contacts.Values, c => Assert.True(ManagedContactMarker.IsManaged(c.AttributesData)));
    }

    [Fact]
    public async Task A_stale_plan_applied_again_counts_what_is_there_as_unchanged_and_what_is_gone_as_removed()
    {
        await World.CreateListAsync(Acme);
        await World.Account(Acme).CreateContactAsync(ListName,
            new SesContact("left@acme.example", [], AttributesData: ManagedContactMarker.For("d-1234567890", "u-left")), None);
        var plan = await PlanAsync(People().Snapshot());
        await ContactImporter.ApplyAsync(Acme, plan, World.Account(Acme), null, None);

        var again = await ContactImporter.ApplyAsync(Acme, plan, World.Account(Acme), null, None);

        Assert.Equal((0, 0, 1, 3, 0), Counts(again));
        Assert.Equal(3, (await ContactsAsync()).Count);
    }

    [Fact]
    public async Task A_failed_removal_is_recorded_and_the_rest_goes_on()
    {
        await World.CreateListAsync(Acme);
        foreach (var email in new[] { "a@acme.example", "b@acme.example" })
            await World.Account(Acme).CreateContactAsync(ListName, new SesContact(email, [], AttributesData: ManagedContactMarker.For("d-1", "u")), None);
        var failing = FailingNth(World.Account(Acme), nameof(ISesAccount.DeleteContactAsync), 1,
            new ServiceException(ServiceErrorKind.AccessDenied, "not allowed", "acme"));

        var summary = await ContactImporter.ApplyAsync(Acme, await PlanAsync(new DirectoryBuilder().Snapshot()), failing, null, None);

        Assert.Equal((1, 1), (summary.Removed, summary.Failed));
        Assert.Equal(("a@acme.example", ContactImportAction.Remove), (summary.Failures[0].Email, summary.Failures[0].Action));
        Assert.Equal(["a@acme.example"], (await ContactsAsync()).Keys);
    }

    [Fact]
    public async Task Cancellation_is_not_a_contact_failure()
    {
        await World.CreateListAsync(Acme);
        using var cts = new CancellationTokenSource();
        var plan = await PlanAsync(People().Snapshot());
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ContactImporter.ApplyAsync(Acme, plan, World.Account(Acme), null, cts.Token));
    }
}
