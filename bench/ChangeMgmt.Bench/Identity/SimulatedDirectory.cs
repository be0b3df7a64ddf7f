using System.Globalization;

namespace ChangeMgmt.Bench.Identity;

/// <summary>
/// A generated identity store: users with one work email each, groups named like CCOE cloud
/// groups (<c>ccoe-cloud-{account}-{accountId}-idp-{application}-{role}</c>), and every user in
/// 1–4 distinct groups, skewed so that a few broad groups span several 100-member pages.
/// </summary>
internal sealed class SimulatedDirectory
{
    private static readonly string[] Accounts = ["prod", "nonprod", "sandbox"];
    private static readonly string[] Applications = ["change-mgmt", "billing", "data-lake", "web", "identity-hub", "ml-platform"];
    private static readonly string[] Roles = ["admin", "approver", "operator", "viewer", "security"];

    public SimulatedDirectory(int users, int groups, int seed)
    {
        var random = new Random(seed);
        Users = [.. Enumerable.Range(1, users).Select(User)];
        Groups = [.. Enumerable.Range(1, groups).Select(Group)];
        var members = Groups.ToDictionary(g => g.GroupId, _ => new List<SimulatedMembership>());
        foreach (var user in Users)
        {
            var chosen = new HashSet<int>();
            var count = Math.Min(random.Next(1, 5), groups);
            while (chosen.Count < count)
                chosen.Add((int)(groups * Math.Pow(random.NextDouble(), 2)));
            foreach (var index in chosen.Order())
            {
                var group = Groups[index].GroupId;
                members[group].Add(new SimulatedMembership($"{index:x4}{user.UserId[4..]}", group, user.UserId));
            }
        }
        MembersOf = members.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<SimulatedMembership>)kv.Value);
    }

    public IReadOnlyList<SimulatedUser> Users { get; }
    public IReadOnlyList<SimulatedGroup> Groups { get; }
    public IReadOnlyDictionary<string, IReadOnlyList<SimulatedMembership>> MembersOf { get; }
    public int Memberships => MembersOf.Values.Sum(m => m.Count);

    /// <summary>The fewest List calls that read it all at the given page size (an empty list is still one call).</summary>
    public int MinimumCalls(int pageSize) =>
        Pages(Users.Count, pageSize) + Pages(Groups.Count, pageSize) + MembersOf.Values.Sum(m => Pages(m.Count, pageSize));

    private static int Pages(int items, int pageSize) => Math.Max(1, (items + pageSize - 1) / pageSize);

    private static SimulatedUser User(int i)
    {
        var name = string.Create(CultureInfo.InvariantCulture, $"user{i:D5}");
        return new SimulatedUser($"{i:x8}-0000-4000-8000-{i:x12}", name, $"Given{i} Family{i}", $"{name}@customer.example", Active: i % 50 != 0);
    }

    private static SimulatedGroup Group(int i)
    {
        var account = Accounts[i % Accounts.Length];
        var accountId = (100000000000L + i * 7919L).ToString(CultureInfo.InvariantCulture);
        var application = Applications[i / Roles.Length % Applications.Length];
        var role = Roles[i % Roles.Length];
        return new SimulatedGroup($"{i:x8}-1111-4000-8000-{i:x12}", $"ccoe-cloud-{account}-{accountId}-idp-{application}-{role}");
    }
}

internal sealed record SimulatedUser(string UserId, string UserName, string DisplayName, string Email, bool Active);

internal sealed record SimulatedGroup(string GroupId, string DisplayName);

internal sealed record SimulatedMembership(string MembershipId, string GroupId, string UserId);
