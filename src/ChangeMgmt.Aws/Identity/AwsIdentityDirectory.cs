using Amazon.Runtime;
using ChangeMgmt.Core.Configuration;
using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Aws.Identity;

/// <summary>
/// One customer's IAM Identity Center identity store over SigV4-signed JSON 1.1
/// (<c>X-Amz-Target: AWSIdentityStore.&lt;Op&gt;</c>, signing name <c>identitystore</c>). Every
/// request of every caller waits at the identity store's rate pacer; throttling and service
/// faults are retried (Retry-After first), other errors are not.
/// </summary>
public sealed class AwsIdentityDirectory : IIdentityDirectory, IDisposable
{
    public const string SigningName = "identitystore";
    private const string TargetPrefix = "AWSIdentityStore.";

    private readonly PacedJsonCalls calls;
    private readonly IdentityStorePacers pacers;
    private readonly int pageSize;

    /// <summary>Acts through the customer's Identity Center role, in the customer's region (else the settings' region).</summary>
    public AwsIdentityDirectory(CustomerConfig customer, ICustomerRoles roles, AwsSettings settings, IdentityDirectoryOptions? options = null)
        : this(roles.For(customer, CustomerRole.IdentityCenter), customer.Region ?? settings.Region, settings, customer.CustomerCode, options)
    {
    }

    public AwsIdentityDirectory(AWSCredentials credentials, string region, AwsSettings settings, string? customerCode = null, IdentityDirectoryOptions? options = null)
    {
        options ??= new IdentityDirectoryOptions();
        pageSize = options.ValidPageSize();
        pacers = options.Pacers ?? new IdentityStorePacers(options.RequestsPerSecond, settings.Time);
        var endpoint = settings.Endpoints.For(AwsService.IdentityStore, region);
        calls = new PacedJsonCalls(new SignedJsonClient(credentials, region, SigningName, endpoint, customerCode, options.Handler, settings.Log), settings);
    }

    public async Task<Page<IdentityUser>> ListUsersAsync(string identityStoreId, string? nextToken, CancellationToken ct) =>
        IdentityJson.Page(await CallAsync("ListUsers", identityStoreId,
            new ListUsersRequest(identityStoreId, pageSize, nextToken), AwsJsonContext.Wire.ListUsersRequest, ct), "Users", IdentityJson.User);

    public async Task<IdentityUser> DescribeUserAsync(string identityStoreId, string userId, CancellationToken ct) =>
        IdentityJson.User(await CallAsync("DescribeUser", identityStoreId, new DescribeUserRequest(identityStoreId, userId), AwsJsonContext.Wire.DescribeUserRequest, ct)
            ?? throw new InvalidDataException("DescribeUser answered with no user."));

    public async Task<string> GetUserIdAsync(string identityStoreId, string userName, CancellationToken ct) =>
        IdentityJson.Required(await CallAsync("GetUserId", identityStoreId,
            GetUserIdRequest.ByUserName(identityStoreId, userName), AwsJsonContext.Wire.GetUserIdRequest, ct), "UserId");

    public async Task<Page<IdentityGroup>> ListGroupsAsync(string identityStoreId, string? nextToken, CancellationToken ct) =>
        IdentityJson.Page(await CallAsync("ListGroups", identityStoreId,
            new ListGroupsRequest(identityStoreId, pageSize, nextToken), AwsJsonContext.Wire.ListGroupsRequest, ct), "Groups", IdentityJson.Group);

    public async Task<Page<GroupMembership>> ListGroupMembershipsAsync(string identityStoreId, string groupId, string? nextToken, CancellationToken ct)
    {
        var body = new ListGroupMembershipsRequest(identityStoreId, groupId, pageSize, nextToken);
        return IdentityJson.Page(await CallAsync("ListGroupMemberships", identityStoreId, body, AwsJsonContext.Wire.ListGroupMembershipsRequest, ct),
            "GroupMemberships", IdentityJson.Membership);
    }

    public async Task<Page<GroupMembership>> ListGroupMembershipsForMemberAsync(string identityStoreId, string userId, string? nextToken, CancellationToken ct)
    {
        var body = new ListGroupMembershipsForMemberRequest(identityStoreId, new MemberId(userId), pageSize, nextToken);
        return IdentityJson.Page(await CallAsync("ListGroupMembershipsForMember", identityStoreId, body, AwsJsonContext.Wire.ListGroupMembershipsForMemberRequest, ct),
            "GroupMemberships", IdentityJson.Membership);
    }

    private Task<System.Text.Json.Nodes.JsonNode?> CallAsync<TBody>(string operation, string identityStoreId, TBody body,
        System.Text.Json.Serialization.Metadata.JsonTypeInfo<TBody> bodyType, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(identityStoreId);
        return calls.CallAsync(TargetPrefix + operation, body, bodyType, pacers.For(identityStoreId), ct);
    }

    public void Dispose() => calls.Dispose();
}
