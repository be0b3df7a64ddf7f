using System.Runtime.CompilerServices;

namespace ChangeMgmt.Core.Ports;

// Shapes mirror the AWS Identity Store API reference (User, Group, GroupMembership) and SSO Admin
// ListInstances (InstanceMetadata). Lists are paged by NextToken; a page may be empty and still carry one.

/// <summary>An entry of <c>User.Emails</c>.</summary>
public sealed record IdentityEmail(string? Value, string? Type, bool? Primary);

/// <summary><c>User.Name</c>.</summary>
public sealed record IdentityName(
    string? Formatted = null,
    string? FamilyName = null,
    string? GivenName = null,
    string? MiddleName = null,
    string? HonorificPrefix = null,
    string? HonorificSuffix = null);

/// <summary>A user of the identity store; <see cref="Active"/> is <c>UserStatus</c> (ENABLED/DISABLED) when the store reports it.</summary>
public sealed record IdentityUser(
    string UserId,
    string? UserName,
    string? DisplayName,
    IReadOnlyList<IdentityEmail> Emails,
    bool? Active = null,
    IdentityName? Name = null)
{
    /// <summary>The primary email address, else the first one, else null.</summary>
    public string? PrimaryEmail =>
        (Emails.FirstOrDefault(e => e.Primary == true && !string.IsNullOrWhiteSpace(e.Value))
            ?? Emails.FirstOrDefault(e => !string.IsNullOrWhiteSpace(e.Value)))?.Value;
}

public sealed record IdentityGroup(string GroupId, string? DisplayName, string? Description);

/// <summary>A user's membership of a group (<c>MemberId.UserId</c>; null for a kind of member other than a user).</summary>
public sealed record GroupMembership(string MembershipId, string GroupId, string? UserId);

/// <summary>An IAM Identity Center instance and the identity store it uses.</summary>
public sealed record IdentityCenterInstance(
    string InstanceArn,
    string IdentityStoreId,
    string? Name = null,
    string? OwnerAccountId = null,
    string? Status = null);

/// <summary>
/// One customer's IAM Identity Center identity store (reached through that customer's role).
/// A missing user or group is a <c>ServiceException</c> of kind NotFound.
/// </summary>
public interface IIdentityDirectory
{
    Task<Page<IdentityUser>> ListUsersAsync(string identityStoreId, string? nextToken, CancellationToken ct);
    Task<IdentityUser> DescribeUserAsync(string identityStoreId, string userId, CancellationToken ct);

    /// <summary>GetUserId by the unique attribute <c>userName</c>.</summary>
    Task<string> GetUserIdAsync(string identityStoreId, string userName, CancellationToken ct);

    Task<Page<IdentityGroup>> ListGroupsAsync(string identityStoreId, string? nextToken, CancellationToken ct);

    /// <summary>The members of a group.</summary>
    Task<Page<GroupMembership>> ListGroupMembershipsAsync(string identityStoreId, string groupId, string? nextToken, CancellationToken ct);

    /// <summary>The groups a user belongs to.</summary>
    Task<Page<GroupMembership>> ListGroupMembershipsForMemberAsync(string identityStoreId, string userId, string? nextToken, CancellationToken ct);
}

/// <summary>The IAM Identity Center instances of one account (SSO Admin ListInstances).</summary>
public interface IIdentityCenterInstances
{
    Task<Page<IdentityCenterInstance>> ListInstancesAsync(string? nextToken, CancellationToken ct);
}

/// <summary>Every item of every page, following NextToken to the end (through empty pages).</summary>
public static class IdentityDirectoryPaging
{
    public static IAsyncEnumerable<IdentityUser> AllUsersAsync(this IIdentityDirectory directory, string identityStoreId, CancellationToken ct) =>
        AllAsync((token, c) => directory.ListUsersAsync(identityStoreId, token, c), ct);

    public static IAsyncEnumerable<IdentityGroup> AllGroupsAsync(this IIdentityDirectory directory, string identityStoreId, CancellationToken ct) =>
        AllAsync((token, c) => directory.ListGroupsAsync(identityStoreId, token, c), ct);

    public static IAsyncEnumerable<GroupMembership> AllGroupMembershipsAsync(this IIdentityDirectory directory, string identityStoreId, string groupId, CancellationToken ct) =>
        AllAsync((token, c) => directory.ListGroupMembershipsAsync(identityStoreId, groupId, token, c), ct);

    public static IAsyncEnumerable<GroupMembership> AllGroupMembershipsForMemberAsync(this IIdentityDirectory directory, string identityStoreId, string userId, CancellationToken ct) =>
        AllAsync((token, c) => directory.ListGroupMembershipsForMemberAsync(identityStoreId, userId, token, c), ct);

    public static IAsyncEnumerable<IdentityCenterInstance> AllInstancesAsync(this IIdentityCenterInstances instances, CancellationToken ct) =>
        AllAsync(instances.ListInstancesAsync, ct);

    public static async IAsyncEnumerable<T> AllAsync<T>(Func<string?, CancellationToken, Task<Page<T>>> fetch, [EnumeratorCancellation] CancellationToken ct = default)
    {
        string? token = null;
        do
        {
            var page = await fetch(token, ct);
            foreach (var item in page.Items) yield return item;
            token = page.NextToken;
        } while (!string.IsNullOrEmpty(token));
    }
}
