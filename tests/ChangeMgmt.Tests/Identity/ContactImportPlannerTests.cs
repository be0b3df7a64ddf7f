using ChangeMgmt.Core.Configuration;
using ChangeMgmt.Core.Identity;
using ChangeMgmt.Core.Ports;
using ChangeMgmt.Tests.Administration;

namespace ChangeMgmt.Tests.Identity;

/// <summary>The plan from an in-memory snapshot and the example configuration's topics.</summary>
public sealed class ContactImportPlannerTests
{
    internal const string Security = "ccoe-cloud-prod-123456789012-idp-billing-portal-security";
    internal const string Finance = "ccoe-cloud-prod-123456789012-idp-ledger-finance";
    internal const string DevOps = "ccoe-cloud-dev-210987654321-idp-ci-cd-devops";
    internal const string Store = "d-1234567890";

    private static readonly IReadOnlyList<Topic> Topics = AdminWorld.Config.Topics;
    private static readonly string[] Defaults = ["aws-announce", "general-updates"];

    private static ContactImportPlan Plan(DirectoryBuilder directory, IReadOnlyList<SesContact>? existing = null, bool removeUnmanaged = false) =>
        ContactImportPlanner.Plan(AdminWorld.Acme, Topics, directory.Snapshot(), existing ?? [], new ContactImportOptions(removeUnmanaged));

    private static SesContact Managed(string email) => new(email, [], AttributesData: ManagedContactMarker.For(Store, "u-old"));

    [Fact]
    public void Active_users_with_an_email_are_added_with_the_opt_in_topics()
    {
        var plan = Plan(new DirectoryBuilder()
            .User("jane", "jane@acme.example")
            .User("john", "john@acme.example", active: true)
            .User("gone", "gone@acme.example", active: false)
            .User("noemail"));

        Assert.Equal("acme", plan.CustomerCode);
        Assert.Equal(Store, plan.IdentityStoreId);
        Assert.Equal(["jane@acme.example", "john@acme.example"], plan.ToAdd.Select(a => a.Email));
        Assert.All(plan.ToAdd, a => Assert.Equal(Defaults, a.Topics));
        Assert.All(plan.ToAdd, a => Assert.Empty(a.Roles));
        Assert.Equal("u-jane", plan.ToAdd[0].UserId);
        Assert.Equal("jane", plan.ToAdd[0].UserName);
        Assert.Empty(plan.ToRemove);
        Assert.Empty(plan.Unchanged);
        Assert.Equal(4, plan.Subscriptions);
    }

    [Fact]
    public void Roles_from_ccoe_group_names_add_the_topics_whose_OptInRoles_name_them()
    {
        var plan = Plan(new DirectoryBuilder()
            .User("sec", "sec@acme.example", null, Security, "admins")
            .User("fin", "fin@acme.example", null, Finance)
            .User("both", "both@acme.example", null, DevOps, "CCOE-CLOUD-prod-123456789012-idp-x-SECURITY")
            .User("plain", "plain@acme.example", null, "ccoe-cloud-prod-123456789012-security"));

        var byEmail = plan.ToAdd.ToDictionary(a => a.Email);
        Assert.Equal(["aws-calendar", "aws-announce", "aws-approval", "general-updates"], byEmail["sec@acme.example"].Topics);
        Assert.Equal(["security"], byEmail["sec@acme.example"].Roles);
        Assert.Equal(["aws-announce", "general-updates", "finops-announce"], byEmail["fin@acme.example"].Topics);
        Assert.Equal(["devops", "SECURITY"], byEmail["both@acme.example"].Roles);
        Assert.Equal(["aws-calendar", "aws-announce", "aws-approval", "general-updates"], byEmail["both@acme.example"].Topics);
        Assert.Equal(Defaults, byEmail["plain@acme.example"].Topics);
    }

    [Fact]
    public void Existing_contacts_are_unchanged_whatever_their_preferences_and_emails_compare_case_insensitively()
    {
        var existing = new SesContact[]
        {
            new("Jane@ACME.example", [new TopicPreference("aws-announce", SubscriptionStatus.OptOut)], UnsubscribeAll: true),
            Managed("john@acme.example"),
        };

        var plan = Plan(new DirectoryBuilder()
            .User("jane", "jane@acme.example", null, Security)
            .User("john", "JOHN@acme.example")
            .User("new", "new@acme.example"), existing);

        Assert.Equal(["new@acme.example"], plan.ToAdd.Select(a => a.Email));
        Assert.Equal(["Jane@ACME.example", "john@acme.example"], plan.Unchanged);
        Assert.Empty(plan.ToRemove);
        Assert.Empty(plan.NotInIdentityStore);
    }

    [Fact]
    public void Managed_contacts_of_users_gone_or_disabled_are_removed_and_hand_added_ones_kept()
    {
        var existing = new SesContact[]
        {
            Managed("left@acme.example"),
            Managed("disabled@acme.example"),
            new("handmade@acme.example", [new TopicPreference("aws-announce", SubscriptionStatus.OptIn)]),
            new("other-tool@acme.example", [], AttributesData: """{"managedBy":"someone-else"}"""),
            new("not-json@acme.example", [], AttributesData: "plain text"),
        };

        var plan = Plan(new DirectoryBuilder().User("disabled", "disabled@acme.example", active: false), existing);

        Assert.Empty(plan.ToAdd);
        Assert.Equal(["disabled@acme.example", "left@acme.example"], plan.ToRemove.Select(r => r.Email));
        Assert.All(plan.ToRemove, r => Assert.True(r.Managed));
        Assert.All(plan.ToRemove, r => Assert.Contains(Store, r.Reason, StringComparison.Ordinal));
        Assert.Equal(["handmade@acme.example", "not-json@acme.example", "other-tool@acme.example"], plan.Unchanged);
        Assert.Equal(plan.Unchanged, plan.NotInIdentityStore);
    }

    [Fact]
    public void RemoveUnmanaged_removes_every_contact_no_active_user_has()
    {
        var existing = new SesContact[] { Managed("left@acme.example"), new("handmade@acme.example", []), new("jane@acme.example", []) };

        var plan = Plan(new DirectoryBuilder().User("jane", "jane@acme.example"), existing, removeUnmanaged: true);

        Assert.Equal([("handmade@acme.example", false), ("left@acme.example", true)], plan.ToRemove.Select(r => (r.Email, r.Managed)));
        Assert.Equal(["jane@acme.example"], plan.Unchanged);
        Assert.Empty(plan.NotInIdentityStore);
    }

    [Fact]
    public void Two_users_with_one_email_give_one_contact()
    {
        var plan = Plan(new DirectoryBuilder().User("a", "same@acme.example").User("b", "SAME@acme.example", null, Security));

        Assert.Equal("same@acme.example", Assert.Single(plan.ToAdd).Email);
    }

    [Fact]
    public void The_marker_names_the_store_and_user_and_only_the_import_own_marker_counts()
    {
        var marker = ManagedContactMarker.For(Store, "u-1");

        Assert.Equal("""{"managedBy":"changemgmt-identity-import","identityStoreId":"d-1234567890","userId":"u-1"}""", marker);
        Assert.Equal(new ManagedContactMarker(ManagedContactMarker.IdentityImport, Store, "u-1"), ManagedContactMarker.Read(marker));
        Assert.False(ManagedContactMarker.IsManaged(null));
        Assert.False(ManagedContactMarker.IsManaged("[1]"));
        Assert.False(ManagedContactMarker.IsManaged("""{"managedBy":"x"}"""));
    }
}
