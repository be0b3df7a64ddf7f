using System.Collections.Concurrent;
using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Core.Identity;

/// <summary>How much of an identity store has been read: a stage and how far into it.</summary>
public sealed record IdentityReadProgress(string IdentityStoreId, IdentityReadStage Stage, int Done, int? Total);

public enum IdentityReadStage { Users, Groups, Memberships, Done }

/// <summary>
/// Reads one identity store through <see cref="IIdentityDirectory"/>: every page of users and groups,
/// then each group's members, at most <see cref="MaxConcurrency"/> groups at a time. Request pacing
/// is the directory adapter's (its requests-per-second limit per instance); none is added here.
/// </summary>
public sealed class IdentityCenterReader(IIdentityDirectory directory, int maxConcurrency = IdentityCenterReader.DefaultMaxConcurrency)
{
    public const int DefaultMaxConcurrency = 4;

    public int MaxConcurrency { get; } = maxConcurrency >= 1
        ? maxConcurrency
        : throw new ArgumentOutOfRangeException(nameof(maxConcurrency), maxConcurrency, "MaxConcurrency must be 1 or more.");

    /// <summary>Users, groups and memberships of the store.</summary>
    public async Task<IdentityCenterSnapshot> ReadAsync(string identityStoreId, IProgress<IdentityReadProgress>? progress, CancellationToken ct)
    {
        var users = await ReadUsersAsync(identityStoreId, progress, ct);
        var groups = await ReadGroupsAsync(identityStoreId, progress, ct);
        var memberships = await ReadMembershipsAsync(identityStoreId, groups, progress, ct);
        progress?.Report(new IdentityReadProgress(identityStoreId, IdentityReadStage.Done, groups.Count, groups.Count));
        return new IdentityCenterSnapshot(identityStoreId, users, groups, memberships);
    }

    /// <summary>Every user of the store.</summary>
    public Task<IReadOnlyList<IdentityUser>> ReadUsersAsync(string identityStoreId, IProgress<IdentityReadProgress>? progress, CancellationToken ct) =>
        AllAsync(directory.AllUsersAsync(identityStoreId, ct), identityStoreId, IdentityReadStage.Users, progress);

    /// <summary>Every group of the store.</summary>
    public Task<IReadOnlyList<IdentityGroup>> ReadGroupsAsync(string identityStoreId, IProgress<IdentityReadProgress>? progress, CancellationToken ct) =>
        AllAsync(directory.AllGroupsAsync(identityStoreId, ct), identityStoreId, IdentityReadStage.Groups, progress);

    /// <summary>One user by user name (GetUserId, then DescribeUser); a missing user is a NotFound ServiceException.</summary>
    public async Task<IdentityUser> ReadUserAsync(string identityStoreId, string userName, CancellationToken ct) =>
        await directory.DescribeUserAsync(identityStoreId, await directory.GetUserIdAsync(identityStoreId, userName, ct), ct);

    /// <summary>The members of each group, groups listed concurrently; the result is in group order.</summary>
    public async Task<IReadOnlyList<GroupMembership>> ReadMembershipsAsync(
        string identityStoreId, IReadOnlyList<IdentityGroup> groups, IProgress<IdentityReadProgress>? progress, CancellationToken ct)
    {
        var byGroup = new ConcurrentDictionary<string, List<GroupMembership>>(StringComparer.Ordinal);
        var done = 0;
        progress?.Report(new IdentityReadProgress(identityStoreId, IdentityReadStage.Memberships, 0, groups.Count));
        await Parallel.ForEachAsync(groups, new ParallelOptions { MaxDegreeOfParallelism = MaxConcurrency, CancellationToken = ct }, async (group, token) =>
        {
            var members = new List<GroupMembership>();
            await foreach (var membership in directory.AllGroupMembershipsAsync(identityStoreId, group.GroupId, token))
                members.Add(membership);
            byGroup[group.GroupId] = members;
            progress?.Report(new IdentityReadProgress(identityStoreId, IdentityReadStage.Memberships, Interlocked.Increment(ref done), groups.Count));
        });
        return [.. groups.SelectMany(g => byGroup.GetValueOrDefault(g.GroupId) ?? [])];
    }

    private static async Task<IReadOnlyList<T>> AllAsync<T>(IAsyncEnumerable<T> items, string identityStoreId, IdentityReadStage stage, IProgress<IdentityReadProgress>? progress)
    {
        var all = new List<T>();
        progress?.Report(new IdentityReadProgress(identityStoreId, stage, 0, null));
        await foreach (var item in items)
        {
            all.Add(item);
            if (all.Count % 100 == 0) progress?.Report(new IdentityReadProgress(identityStoreId, stage, all.Count, null));
        }
        progress?.Report(new IdentityReadProgress(identityStoreId, stage, all.Count, all.Count));
        return all;
    }
}
