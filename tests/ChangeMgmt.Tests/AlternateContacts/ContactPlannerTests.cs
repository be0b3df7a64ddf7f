using ChangeMgmt.Core.AlternateContacts;

namespace ChangeMgmt.Tests.AlternateContacts;

/// <summary>The original tool's overwrite rule, removal and restore, decided per account × type before anything is written.</summary>
public sealed class ContactPlannerTests
{
    private static readonly AlternateContact Desired = new("MSP SOC", "Security Operations", "soc@msp.example", "+14155550100");
    private static readonly AlternateContact Existing = new("Acme SOC", "CISO", "soc@acme.example", "+14155550199");

    private static AccountContact Current(AlternateContact? contact) => new("acme", "210000000002", "acme-workload", false, AlternateContactType.Security, contact);

    [Fact]
    public void A_missing_contact_is_set_whatever_overwrite_says()
    {
        Assert.Equal(ContactAction.Set, ContactPlanner.Set(Current(null), Desired, overwrite: false).Action);
        Assert.Equal(ContactAction.Set, ContactPlanner.Set(Current(null), Desired, overwrite: true).Action);
    }

    [Fact]
    public void A_different_contact_is_kept_without_overwrite_and_replaced_with_it()
    {
        var kept = ContactPlanner.Set(Current(Existing), Desired, overwrite: false);
        var replaced = ContactPlanner.Set(Current(Existing), Desired, overwrite: true);

        Assert.Equal((ContactAction.Keep, Existing, false), (kept.Action, kept.After, kept.Writes));
        Assert.Equal((ContactAction.Set, Desired, true), (replaced.Action, replaced.After, replaced.Writes));
    }

    [Fact]
    public void The_same_contact_with_the_address_in_other_case_is_unchanged()
    {
        var change = ContactPlanner.Set(Current(Desired with { Email = "SOC@MSP.example" }), Desired, overwrite: true);

        Assert.Equal(ContactAction.Unchanged, change.Action);
    }

    [Fact]
    public void Remove_removes_what_exists_and_restore_removes_what_the_backup_did_not_have()
    {
        Assert.Equal(ContactAction.Absent, ContactPlanner.Remove(Current(null)).Action);
        Assert.Equal(ContactAction.Remove, ContactPlanner.Remove(Current(Existing)).Action);
        Assert.Equal(ContactAction.Remove, ContactPlanner.Restore(Current(Desired), backedUp: null).Action);
        Assert.Equal((ContactAction.Set, Existing), (ContactPlanner.Restore(Current(Desired), Existing).Action, ContactPlanner.Restore(Current(Desired), Existing).After));
    }

    [Fact]
    public void The_management_account_is_addressed_without_an_account_id()
    {
        Assert.Null((Current(null) with { IsManagementAccount = true }).ApiAccountId);
        Assert.Equal("210000000002", Current(null).ApiAccountId);
    }

    [Theory]
    [InlineData("2100*", true)]
    [InlineData("acme-work?oad", true)]
    [InlineData("ACME-*", true)]
    [InlineData("31*", false)]
    public void An_account_filter_matches_ids_and_names_with_wildcards(string pattern, bool covered)
    {
        Assert.Equal(covered, new AlternateContactFilter([pattern]).Covers("210000000002", "acme-workload"));
    }
}
