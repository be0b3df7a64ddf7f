using ChangeMgmt.Core.Errors;
using ChangeMgmt.Core.Identity;
using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Tests.Identity;

/// <summary>Builds an in-memory identity store: users, groups and memberships by name.</summary>
internal sealed class DirectoryBuilder(string identityStoreId = "d-1234567890")
{
    private readonly List<IdentityUser> users = [];
    private readonly List<IdentityGroup> groups = [];
    private readonly List<GroupMembership> memberships = [];

    public DirectoryBuilder User(string userName, string? email = null, bool? active = null, params string[] groupNames)
    {
        var user = new IdentityUser($"u-{userName}", userName, userName,
            email is null ? [] : [new IdentityEmail(email, "work", true)], active);
        users.Add(user);
        foreach (var name in groupNames)
        {
            var group = groups.FirstOrDefault(g => g.DisplayName == name) ?? AddGroup(name);
            memberships.Add(new GroupMembership($"m-{memberships.Count}", group.GroupId, user.UserId));
        }
        return this;
    }

    public DirectoryBuilder Group(string displayName)
    {
        AddGroup(displayName);
        return this;
    }

    private IdentityGroup AddGroup(string displayName)
    {
        var group = new IdentityGroup($"g-{groups.Count}", displayName, null);
        groups.Add(group);
        return group;
    }

    public IdentityCenterSnapshot Snapshot() => new(identityStoreId, [.. users], [.. groups], [.. memberships]);

    public InMemoryDirectory Directory(int pageSize = 2) => new(Snapshot(), pageSize);
}

/// <summary>
/// <see cref="IIdentityDirectory"/> over a snapshot, paged (with an empty page carrying a token at
/// the end of each list, as the real API may answer); counts calls and the most listed at once.
/// </summary>
internal sealed class InMemoryDirectory(IdentityCenterSnapshot data, int pageSize) : IIdentityDirectory
{
    private int inFlight;
    private int calls;

    public int MaxInFlight { get; private set; }
    public int Calls => calls;
    public TimeSpan Delay { get; init; } = TimeSpan.FromMilliseconds(5);

    public Task<Page<IdentityUser>> ListUsersAsync(string identityStoreId, string? nextToken, CancellationToken ct) =>
        PageAsync(identityStoreId, data.Users, nextToken, ct);

    public Task<Page<IdentityGroup>> ListGroupsAsync(string identityStoreId, string? nextToken, CancellationToken ct) =>
        PageAsync(identityStoreId, data.Groups, nextToken, ct);

    public Task<Page<GroupMembership>> ListGroupMembershipsAsync(string identityStoreId, string groupId, string? nextToken, CancellationToken ct) =>
        PageAsync(identityStoreId, [.. data.Memberships.Where(m => m.GroupId == groupId)], nextToken, ct);

    public Task<Page<GroupMembership>> ListGroupMembershipsForMemberAsync(string identityStoreId, string userId, string? nextToken, CancellationToken ct) =>
        PageAsync(identityStoreId, [.. data.Memberships.Where(m => m.UserId == userId)], nextToken, ct);

    public async Task<IdentityUser> DescribeUserAsync(string identityStoreId, string userId, CancellationToken ct)
    {
        var page = await PageAsync(identityStoreId, [.. data.Users.Where(u => u.UserId == userId)], null, ct);
        return page.Items.SingleOrDefault() ?? throw new ServiceException(ServiceErrorKind.NotFound, $"no user {userId}");
    }

    public async Task<string> GetUserIdAsync(string identityStoreId, string userName, CancellationToken ct)
    {
        var page = await PageAsync(identityStoreId, [.. data.Users.Where(u => u.UserName == userName)], null, ct);
        return page.Items.SingleOrDefault()?.UserId ?? throw new ServiceException(ServiceErrorKind.NotFound, $"no user {userName}");
    }

    private async Task<Page<T>> PageAsync<T>(string identityStoreId, IReadOnlyList<T> all, string? token, CancellationToken ct)
    {
        Assert.Equal(data.IdentityStoreId, identityStoreId);
        Interlocked.Increment(ref calls);
        var now = Interlocked.Increment(ref inFlight);
        lock (this) MaxInFlight = Math.Max(MaxInFlight, now);
        try
        {
            await Task.Delay(Delay, ct);
            var start = token is null ? 0 : int.Parse(token, System.Globalization.CultureInfo.InvariantCulture);
            var items = all.Skip(start).Take(pageSize).ToList();
            var next = start + items.Count;
            return new Page<T>(items, items.Count == 0 ? null : next.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        finally
        {
            Interlocked.Decrement(ref inFlight);
        }
    }
}

/// <summary>SSO Admin ListInstances answering fixed instances, one a page.</summary>
internal sealed class FixedInstances(params IdentityCenterInstance[] instances) : IIdentityCenterInstances
{
    public int Calls { get; private set; }

    public Task<Page<IdentityCenterInstance>> ListInstancesAsync(string? nextToken, CancellationToken ct)
    {
        Calls++;
        var index = nextToken is null ? 0 : int.Parse(nextToken, System.Globalization.CultureInfo.InvariantCulture);
        return Task.FromResult(index >= instances.Length
            ? new Page<IdentityCenterInstance>([], null)
            : new Page<IdentityCenterInstance>([instances[index]], (index + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }
}

/// <summary>Collects progress reports synchronously (Progress&lt;T&gt; would post them later).</summary>
internal sealed class Reports<T> : IProgress<T>
{
    private readonly List<T> items = [];

    public IReadOnlyList<T> Items { get { lock (items) return [.. items]; } }

    public void Report(T value) { lock (items) items.Add(value); }
}
