namespace ChangeMgmt.Aws.Identity;

// Request bodies of the Identity Store and SSO Admin JSON 1.1 operations, named and shaped as in the API reference.

internal sealed record ListUsersRequest(string IdentityStoreId, int MaxResults, string? NextToken);

internal sealed record DescribeUserRequest(string IdentityStoreId, string UserId);

internal sealed record UniqueAttribute(string AttributePath, string AttributeValue);

internal sealed record AlternateIdentifier(UniqueAttribute UniqueAttribute);

internal sealed record GetUserIdRequest(string IdentityStoreId, AlternateIdentifier AlternateIdentifier)
{
    public static GetUserIdRequest ByUserName(string identityStoreId, string userName) =>
        new(identityStoreId, new AlternateIdentifier(new UniqueAttribute("userName", userName)));
}

internal sealed record ListGroupsRequest(string IdentityStoreId, int MaxResults, string? NextToken);

internal sealed record ListGroupMembershipsRequest(string IdentityStoreId, string GroupId, int MaxResults, string? NextToken);

internal sealed record MemberId(string UserId);

internal sealed record ListGroupMembershipsForMemberRequest(string IdentityStoreId, MemberId MemberId, int MaxResults, string? NextToken);

/// <summary>SSO Admin ListInstances.</summary>
internal sealed record ListInstancesRequest(int MaxResults, string? NextToken);
