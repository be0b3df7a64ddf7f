using ChangeMgmt.Core.Errors;
using ChangeMgmt.Core.Identity;

namespace ChangeMgmt.Tests.Identity;

public sealed class IdentityCenterReaderTests
{
    private static DirectoryBuilder Many(int users, int groups)
    {
        var builder = new DirectoryBuilder();
        for (var g = 0; g < groups; g++) builder.Group($"ccoe-cloud-prod-123456789012-idp-app{g}-role{g % 3}");
        for (var u = 0; u < users; u++)
            builder.User($"user{u:000}", $"user{u:000}@acme.example", null, $"ccoe-cloud-prod-123456789012-idp-app{u % groups}-role{u % groups % 3}", "everyone");
        return builder;
    }

    [Fact]
    public async Task Reads_every_page_of_users_groups_and_memberships_within_MaxConcurrency()
    {
        var expected = Many(users: 25, groups: 7).Snapshot();
        var directory = new InMemoryDirectory(expected, pageSize: 3);
        var progress = new Reports<IdentityReadProgress>();

        var snapshot = await new IdentityCenterReader(directory, maxConcurrency: 3).ReadAsync(expected.IdentityStoreId, progress, CancellationToken.None);

        Assert.Equal(expected.Users, snapshot.Users);
        Assert.Equal(expected.Groups, snapshot.Groups);
        Assert.Equal(expected.Memberships.OrderBy(m => m.MembershipId), snapshot.Memberships.OrderBy(m => m.MembershipId));
        Assert.InRange(directory.MaxInFlight, 2, 3);
        var memberships = progress.Items.Where(p => p.Stage == IdentityReadStage.Memberships).ToList();
        Assert.Equal(Enumerable.Range(0, 9), memberships.Select(p => p.Done).Order());
        Assert.All(memberships, p => Assert.Equal(8, p.Total));
        Assert.Equal(new IdentityReadProgress(expected.IdentityStoreId, IdentityReadStage.Users, 25, 25), progress.Items.Last(p => p.Stage == IdentityReadStage.Users));
        Assert.Equal(IdentityReadStage.Done, progress.Items[^1].Stage);
    }

    [Fact]
    public async Task One_at_a_time_when_MaxConcurrency_is_one()
    {
        var directory = Many(users: 10, groups: 5).Directory();

        await new IdentityCenterReader(directory, maxConcurrency: 1).ReadAsync("d-1234567890", null, CancellationToken.None);

        Assert.Equal(1, directory.MaxInFlight);
        Assert.Throws<ArgumentOutOfRangeException>(() => new IdentityCenterReader(directory, 0));
    }

    [Fact]
    public async Task Views_give_each_user_their_groups_and_each_group_its_members()
    {
        var snapshot = await new IdentityCenterReader(Many(users: 6, groups: 2).Directory()).ReadAsync("d-1234567890", null, CancellationToken.None);

        var users = snapshot.UsersWithGroups();
        var user3 = users.Single(u => u.User.UserName == "user003");
        Assert.Equal(["ccoe-cloud-prod-123456789012-idp-app1-role1", "everyone"], user3.Groups.Select(g => g.DisplayName));
        Assert.Equal(["role1"], user3.Roles);
        Assert.Equal("app1", Assert.Single(user3.CcoeGroups).Application);

        var groups = snapshot.GroupsWithMembers();
        Assert.Equal(["ccoe-cloud-prod-123456789012-idp-app0-role0", "ccoe-cloud-prod-123456789012-idp-app1-role1", "everyone"], groups.Select(g => g.Group.DisplayName));
        Assert.Equal(["user000", "user002", "user004"], groups[0].Members.Select(u => u.UserName));
        Assert.Equal("role0", groups[0].Ccoe!.Role);
        Assert.Null(groups[2].Ccoe);
        Assert.Equal(6, groups[2].Members.Count);
    }

    [Fact]
    public async Task One_user_by_user_name()
    {
        var reader = new IdentityCenterReader(Many(users: 3, groups: 1).Directory());

        var user = await reader.ReadUserAsync("d-1234567890", "user001", CancellationToken.None);

        Assert.Equal("user001@acme.example", user.PrimaryEmail);
        var missing = await Assert.ThrowsAsync<ServiceException>(() => reader.ReadUserAsync("d-1234567890", "nobody", CancellationToken.None));
        Assert.Equal(ServiceErrorKind.NotFound, missing.Kind);
    }

    [Fact]
    public async Task Cancellation_stops_the_read()
    {
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            new IdentityCenterReader(Many(users: 3, groups: 2).Directory()).ReadAsync("d-1234567890", null, cts.Token));
    }
}
