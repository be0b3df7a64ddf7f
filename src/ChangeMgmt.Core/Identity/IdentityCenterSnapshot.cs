using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Core.Identity;

/// <summary>One identity store as read at one time: its users, groups and the user members of each group.</summary>
public sealed record IdentityCenterSnapshot(
    string IdentityStoreId,
    IReadOnlyList<IdentityUser> Users,
    IReadOnlyList<IdentityGroup> Groups,
    IReadOnlyList<GroupMembership> Memberships)
{
    /// <summary>Each group with the users that belong to it (group-centric view), in group name order.</summary>
    public IReadOnlyList<GroupWithMembers> GroupsWithMembers()
    {
        var users = Users.ToDictionary(u => u.UserId, StringComparer.Ordinal);
        var members = MembersByGroup();
        return [.. Groups
            .OrderBy(g => g.DisplayName, StringComparer.OrdinalIgnoreCase)
            .Select(g => new GroupWithMembers(
                IdentityStoreId,
                g,
                CcoeGroupName.Parse(g.DisplayName),
                [.. (members[g.GroupId]).Select(id => users.GetValueOrDefault(id)).OfType<IdentityUser>().OrderBy(u => u.UserName, StringComparer.OrdinalIgnoreCase)]))];
    }

    /// <summary>Each user with the groups they belong to (user-centric view), in user name order.</summary>
    public IReadOnlyList<UserWithGroups> UsersWithGroups()
    {
        var groups = Groups.ToDictionary(g => g.GroupId, StringComparer.Ordinal);
        var byUser = Memberships
            .Where(m => m.UserId is not null)
            .ToLookup(m => m.UserId!, m => m.GroupId, StringComparer.Ordinal);
        return [.. Users
            .OrderBy(u => u.UserName, StringComparer.OrdinalIgnoreCase)
            .Select(u => UserWithGroups.Of(IdentityStoreId, u,
                [.. byUser[u.UserId].Distinct(StringComparer.Ordinal).Select(id => groups.GetValueOrDefault(id)).OfType<IdentityGroup>()
                    .OrderBy(g => g.DisplayName, StringComparer.OrdinalIgnoreCase)]))];
    }

    private ILookup<string, string> MembersByGroup() => Memberships
        .Where(m => m.UserId is not null)
        .DistinctBy(m => (m.GroupId, m.UserId))
        .ToLookup(m => m.GroupId, m => m.UserId!, StringComparer.Ordinal);
}

/// <summary>A group with its user members; <see cref="Ccoe"/> is set when the name is a CCoE cloud group's.</summary>
public sealed record GroupWithMembers(string IdentityStoreId, IdentityGroup Group, CcoeGroup? Ccoe, IReadOnlyList<IdentityUser> Members)
{
    /// <summary>The customer whose identity store this is, when read for one.</summary>
    public string? CustomerCode { get; init; }

    /// <summary>The CCoE application and role, flat for filtering (Where-Object Role -eq ...).</summary>
    public string? Application => Ccoe?.Application;

    public string? Role => Ccoe?.Role;
}

/// <summary>A user with their groups and what the CCoE cloud group names among them say.</summary>
public sealed record UserWithGroups(string IdentityStoreId, IdentityUser User, IReadOnlyList<IdentityGroup> Groups, IReadOnlyList<CcoeGroup> CcoeGroups)
{
    /// <summary>The customer whose identity store this is, when read for one.</summary>
    public string? CustomerCode { get; init; }

    /// <summary>The user's name and address, flat for filtering and the table view.</summary>
    public string? UserName => User.UserName;

    public string? Email => User.PrimaryEmail;

    /// <summary>The roles of the user's CCoE cloud groups, each once (case-insensitively), in order.</summary>
    public IReadOnlyList<string> Roles =>
        [.. CcoeGroups.Select(g => g.Role).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase)];

    public static UserWithGroups Of(string identityStoreId, IdentityUser user, IReadOnlyList<IdentityGroup> groups) =>
        new(identityStoreId, user, groups, [.. groups.Select(g => CcoeGroupName.Parse(g.DisplayName)).OfType<CcoeGroup>()]);
}
