using ChangeMgmt.Aws.Identity;
using ChangeMgmt.Aws.Tests.Support;
using ChangeMgmt.Core.Configuration;
using ChangeMgmt.Core.Errors;
using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Aws.Tests.Identity;

/// <summary>The adapters against moto's Identity Store and SSO Admin: the identity store id comes from ListInstances.</summary>
[Collection(MotoCollection.Name)]
public sealed class IdentityDirectoryMotoTests(MotoServer moto)
{
    private static readonly CustomerConfig Customer = new() { CustomerCode = "acme", Region = IdentityTestSupport.Region };

    private async Task<string> IdentityStoreIdAsync()
    {
        await moto.ResetAsync();
        using var instances = new AwsIdentityCenterInstances(IdentityTestSupport.Credentials, IdentityTestSupport.Region, IdentityTestSupport.Settings(moto.Endpoints));
        var all = await instances.AllInstancesAsync(CancellationToken.None).ToListAsync();
        return Assert.Single(all).IdentityStoreId;
    }

    private AwsIdentityDirectory Directory(int pageSize = IdentityDirectoryOptions.MaxPageSize) =>
        new(IdentityTestSupport.Credentials, IdentityTestSupport.Region, IdentityTestSupport.Settings(moto.Endpoints), "acme",
            new IdentityDirectoryOptions { PageSize = pageSize, RequestsPerSecond = 1000 });

    [Fact]
    public async Task ListInstances_gives_the_instance_and_its_identity_store()
    {
        await moto.ResetAsync();
        var roles = new FixedCustomerRoles(IdentityTestSupport.Credentials);
        using var instances = new AwsIdentityCenterInstances(Customer, roles, IdentityTestSupport.Settings(moto.Endpoints));

        var page = await instances.ListInstancesAsync(null, CancellationToken.None);

        var instance = Assert.Single(page.Items);
        Assert.Matches("^arn:aws:sso:::instance/ssoins-[a-z0-9]{16}$", instance.InstanceArn);
        Assert.Matches("^d-[a-z0-9]{10}$", instance.IdentityStoreId);
        Assert.Equal("ACTIVE", instance.Status);
        Assert.Matches("^[0-9]{12}$", instance.OwnerAccountId!);
        Assert.Null(page.NextToken);
        Assert.Equal([("acme", CustomerRole.IdentityCenter)], roles.Requests);
    }

    [Fact]
    public async Task More_users_than_one_page_are_all_listed_through_NextToken()
    {
        var store = await IdentityStoreIdAsync();
        using (var seed = new IdentitySeed(moto.Endpoint, store))
            for (var i = 0; i < 23; i++)
                await seed.UserAsync($"user{i:00}", $"Given{i:00}", $"Family{i:00}", $"user{i:00}@acme.example");
        using var directory = Directory(pageSize: 10);

        var first = await directory.ListUsersAsync(store, null, CancellationToken.None);
        var all = await directory.AllUsersAsync(store, CancellationToken.None).ToListAsync();

        Assert.Equal(10, first.Items.Count);
        Assert.NotNull(first.NextToken);
        Assert.Equal(23, all.Count);
        Assert.Equal(Enumerable.Range(0, 23).Select(i => $"user{i:00}"), all.Select(u => u.UserName).Order());
        Assert.Equal(23, all.Select(u => u.UserId).Distinct().Count());
        var user7 = all.Single(u => u.UserName == "user07");
        Assert.Equal("user07@acme.example", user7.PrimaryEmail);
        Assert.Equal("Given07 Family07", user7.DisplayName);
        Assert.Equal(new IdentityName(GivenName: "Given07", FamilyName: "Family07"), user7.Name);
    }

    [Fact]
    public async Task DescribeUser_and_GetUserId_find_a_user()
    {
        var store = await IdentityStoreIdAsync();
        string janeId;
        using (var seed = new IdentitySeed(moto.Endpoint, store))
        {
            await seed.UserAsync("john", "John", "Doe", "john@acme.example");
            janeId = await seed.UserAsync("jane", "Jane", "Roe", "jane@acme.example");
        }
        using var directory = Directory();

        var id = await directory.GetUserIdAsync(store, "jane", CancellationToken.None);
        var jane = await directory.DescribeUserAsync(store, id, CancellationToken.None);

        Assert.Equal(janeId, id);
        Assert.Equal(janeId, jane.UserId);
        Assert.Equal("jane", jane.UserName);
        Assert.Equal("Jane Roe", jane.DisplayName);
        Assert.Equal([new IdentityEmail("jane@acme.example", "work", true)], jane.Emails);
        Assert.Equal("Roe", jane.Name?.FamilyName);
    }

    [Fact]
    public async Task An_unknown_user_is_NotFound()
    {
        var store = await IdentityStoreIdAsync();
        using var directory = Directory();

        var byName = await Assert.ThrowsAsync<ServiceException>(() => directory.GetUserIdAsync(store, "nobody", CancellationToken.None));
        var byId = await Assert.ThrowsAsync<ServiceException>(() =>
            directory.DescribeUserAsync(store, "00000000-0000-0000-0000-000000000000", CancellationToken.None));

        Assert.Equal(ServiceErrorKind.NotFound, byName.Kind);
        Assert.Equal("ResourceNotFoundException", byName.ErrorCode);
        Assert.Equal(ServiceErrorKind.NotFound, byId.Kind);
        Assert.StartsWith("acme: ", byId.Message);
    }

    [Fact]
    public async Task Groups_and_memberships_are_listed_both_ways()
    {
        var store = await IdentityStoreIdAsync();
        string jane, john, mary, admins, approvers;
        using (var seed = new IdentitySeed(moto.Endpoint, store))
        {
            jane = await seed.UserAsync("jane", "Jane", "Roe", "jane@acme.example");
            john = await seed.UserAsync("john", "John", "Doe", "john@acme.example");
            mary = await seed.UserAsync("mary", "Mary", "Major", "mary@acme.example");
            admins = await seed.GroupAsync("Admins", "Cloud administrators");
            approvers = await seed.GroupAsync("Approvers", "Change approvers");
            await seed.MembershipAsync(admins, jane);
            await seed.MembershipAsync(approvers, jane);
            await seed.MembershipAsync(approvers, john);
        }
        using var directory = Directory(pageSize: 1);

        var groups = await directory.AllGroupsAsync(store, CancellationToken.None).ToListAsync();
        var approverMembers = await directory.AllGroupMembershipsAsync(store, approvers, CancellationToken.None).ToListAsync();
        var janesGroups = await directory.AllGroupMembershipsForMemberAsync(store, jane, CancellationToken.None).ToListAsync();
        var marysGroups = await directory.AllGroupMembershipsForMemberAsync(store, mary, CancellationToken.None).ToListAsync();

        Assert.Equal(
            [new IdentityGroup(admins, "Admins", "Cloud administrators"), new IdentityGroup(approvers, "Approvers", "Change approvers")],
            groups.OrderBy(g => g.DisplayName));
        Assert.Equal(new[] { jane, john }.Order(), approverMembers.Select(m => m.UserId).Order());
        Assert.All(approverMembers, m => Assert.Equal(approvers, m.GroupId));
        Assert.Equal(new[] { admins, approvers }.Order(), janesGroups.Select(m => m.GroupId).Order());
        Assert.All(janesGroups, m => Assert.Equal(jane, m.UserId));
        Assert.Equal(3, approverMembers.Concat(janesGroups).Select(m => m.MembershipId).Distinct().Count());
        Assert.Empty(marysGroups);
    }
}
